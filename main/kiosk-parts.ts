import type { AuditLog } from './audit/audit-log';
import type { CatalogueService } from './catalogue/catalogue-service';
import type { CertificateService } from './certificates/certificate-service';
import type { KioskKey } from './certificates/kiosk-key';
import type { KioskConfig } from './config/schema';
import type { ControlCommands } from './control/control-socket';
import type { Db } from './db/database';
import type { DemoDevices } from './devices/demo-devices';
import type { DeviceHub } from './devices/device-hub';
import type { EventBus } from './ipc/event-bus';
import type { MaintenanceGate } from './maintenance/gate';
import type { PagePrintService } from './printing/page-print-service';
import type { ResidentSession } from './session/resident-session';
import type { Outbox } from './sync/outbox';
import type { PlatformLink } from './sync/platform-link';
import type { Clock, IdSource } from './util/clock';

/**
 * What the composition root has built, handed to each feature's handler factory
 * (`certificateHandlers(parts)`, `progressHandlers(parts)`, …) so a feature wires itself without
 * editing app.ts. Factories may register control-socket commands (kioskctl) and work to do at stop.
 */
export type KioskParts = {
  readonly config: KioskConfig;
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly events: EventBus;
  readonly session: ResidentSession;
  readonly devices: DeviceHub;
  /** The simulators behind the simulator panel; demo profile only. */
  readonly demoDevices: DemoDevices | undefined;
  readonly audit: AuditLog;
  readonly link: PlatformLink;
  readonly outbox: Outbox;
  readonly gate: MaintenanceGate;
  readonly printing: PagePrintService;
  readonly catalogue: CatalogueService;
  readonly certificates: CertificateService;
  readonly kioskKey: () => KioskKey;
  /** When the kiosk started (epoch ms), for uptime. */
  readonly startedAt: number;
  /** Commands kioskctl may send over the control socket; factories add theirs. */
  readonly control: ControlCommands;
  /** Runs at stop, before the devices and the database close. */
  onStop(fn: () => Promise<void> | void): void;
};
