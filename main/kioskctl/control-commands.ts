import type { DeviceStatus, SyncStatus } from '../../contract';
import { installPrepared, prepareBundleOffThread, rollbackCatalogue } from '../catalogue';
import type { ControlCommands } from '../control/control-socket';
import type { KioskParts } from '../kiosk-parts';
import type { MaintenanceSelfTests } from '../maintenance/self-tests';
import { APP_VERSION } from '../version';

/** What `kioskctl status` adds when the kiosk is running: its live view, not the files'. */
export type LiveStatus = {
  running: true;
  version: string;
  startedAt: string;
  uptimeMs: number;
  devices: DeviceStatus[];
  sync: SyncStatus;
  catalogueVersion: number | null;
  maintenanceOpen: boolean;
};

/** The kioskctl selftest device names, as the running kiosk runs them. */
const SELFTEST_DEVICES = {
  'id-card': { test: 'card-reader', card: 'id-card' },
  'ss-card': { test: 'card-reader', card: 'ss-card' },
  'ticket-printer': { test: 'ticket-printer' },
  'page-printer': { test: 'page-printer' },
} as const;

/**
 * kioskctl's commands on the running kiosk (control socket, 0600): what must not bypass the
 * running services — devices the kiosk holds open, catalogue changes the screens must see — runs
 * inside it. Each is audited as a technician action and leaves the kiosk on the outbox.
 */
export function kioskctlControlCommands(parts: KioskParts, selfTests: MaintenanceSelfTests): ControlCommands {
  const { gate, db, clock } = parts;
  return {
    status: (): LiveStatus => ({
      running: true,
      version: APP_VERSION,
      startedAt: new Date(parts.startedAt).toISOString(),
      uptimeMs: clock.now() - parts.startedAt,
      devices: parts.devices.list(),
      sync: parts.link.sync.status(),
      catalogueVersion: parts.catalogue.installedVersion(),
      maintenanceOpen: gate.isOpen(),
    }),
    selftest: async ({ device }) => {
      const wanted = typeof device === 'string' && Object.hasOwn(SELFTEST_DEVICES, device) ? SELFTEST_DEVICES[device as keyof typeof SELFTEST_DEVICES] : undefined;
      if (!wanted) throw new Error(`unknown self-test device ${JSON.stringify(device)}`);
      gate.recordAction('maintenance.kioskctl', { command: 'selftest', device });
      return selfTests.run(wanted.test, 'card' in wanted ? { card: wanted.card } : {});
    },
    'catalogue.install': async ({ bundle }) => {
      if (typeof bundle !== 'string' || !bundle) throw new Error('catalogue.install needs the bundle directory');
      // Read and indexed on a worker thread: the kiosk keeps answering while a technician installs.
      const result = installPrepared(db, await prepareBundleOffThread(bundle), { source: `kioskctl:${bundle}`, now: () => clock.now() });
      gate.recordAction('maintenance.kioskctl', { command: 'catalogue install', bundleVersion: result.bundleVersion });
      return result;
    },
    'catalogue.rollback': () => {
      const result = rollbackCatalogue(db, { now: () => clock.now() });
      gate.recordAction('maintenance.kioskctl', { command: 'catalogue rollback', bundleVersion: result.bundleVersion });
      return result;
    },
  };
}
