import { join } from 'node:path';
import type { AppInfo, SimulatorAction } from '../contract';
import { KioskError } from '../contract';
import { AuditLog } from './audit/audit-log';
import { CatalogueService } from './catalogue/catalogue-service';
import { loadConfig } from './config/load';
import type { KioskConfig } from './config/schema';
import { openDatabase, type Db } from './db/database';
import { DemoDevices } from './devices/demo-devices';
import { DeviceHub } from './devices/device-hub';
import { cardListener } from './session/card-listener';
import type { SampleResident } from './devices/sample-residents';
import { EventBus } from './ipc/event-bus';
import { createRouter, type Handlers, type Router } from './ipc/router';
import { configureLogging, createLogger } from './log/logger';
import { startControlSocket, type ControlCommands } from './control/control-socket';
import { certificateHandlers } from './certificates/handlers';
import { FEATURES } from './features';
import type { KioskParts } from './kiosk-parts';
import { maintenanceAccessHandlers } from './maintenance/access-handlers';
import { maintenanceHandlers, type ShellHooks } from './maintenance/handlers';
import { progressHandlers } from './progress/handlers';
import { checkQrLinksConfig } from './progress/qr-links';
import { checkServiceHallConfig } from './progress/service-hall';
import { MaintenanceGate } from './maintenance/gate';
import { maskName } from './privacy/mask';
import { PagePrintService } from './printing/page-print-service';
import { startPlatformLink } from './sync/platform-link';
import type { PlatformLauncher } from './demo/platform-launcher';
import { CertificateService } from './certificates/certificate-service';
import { loadOrCreateKioskKey } from './certificates/kiosk-key';
import { isExpired, ResidentSession } from './session/resident-session';
import { randomIds, systemClock, type Clock, type IdSource } from './util/clock';
import { APP_VERSION } from './version';

export type KioskOptions = {
  config?: KioskConfig;
  clock?: Clock;
  ids?: IdSource;
  /** Keep logs on standard error instead of the data directory (tests, kioskctl). */
  logToStderr?: boolean;
  /** How the demo profile starts its platform simulator (Electron passes a utilityProcess launcher). */
  launchPlatform?: PlatformLauncher;
  /** What the shell can do for maintenance mode: restart the app, reload the UI. */
  shell?: ShellHooks;
};

/** The running kiosk, as the shells (Electron, browser shell) and kioskctl see it. */
export type Kiosk = {
  readonly config: KioskConfig;
  readonly db: Db;
  readonly router: Router;
  readonly events: EventBus;
  info(): AppInfo;
  stop(): Promise<void>;
};

/** The composition root: config → database → devices → services (DESIGN.md §3, STYLE.md habit 4). */
export async function startKiosk(options: KioskOptions = {}): Promise<Kiosk> {
  const config = options.config ?? loadConfig();
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  configureLogging({
    level: config.log.level,
    ...(options.logToStderr ? {} : { file: { path: join(config.dataDir, 'logs', 'kiosk.log'), maxBytes: config.log.maxBytes, keep: config.log.keep } }),
  });
  const log = createLogger('app');
  const db = openDatabase(join(config.dataDir, 'kiosk.db'));
  const events = new EventBus();
  const demo = config.profile === 'demo';
  const session = new ResidentSession(events, clock);
  const demoDevices = demo ? new DemoDevices() : undefined;
  const devices = new DeviceHub(config.devices, events, cardListener(session, events), demoDevices);
  await devices.start();
  const audit = new AuditLog(db, clock);
  const link = await startPlatformLink({
    config, db, clock, ids, events,
    configChecks: [checkServiceHallConfig, checkQrLinksConfig],
    ...(options.launchPlatform ? { launcher: options.launchPlatform } : {}),
  });
  const outbox = link.sync.outbox;
  // maintenanceAccessHandlers points the gate's records at the outbox (each in the attempt's transaction).
  const gate = new MaintenanceGate(db, audit, clock, ids, () => config.maintenance.pinHash);
  const printing = new PagePrintService(db, () => devices.pagePrinter, audit, clock, ids, (tx, job) =>
    outbox.enqueueIn(tx, { stream: 'print_audit', type: 'print.job', payload: job }),
  );
  const catalogue = new CatalogueService(
    db,
    printing,
    (tx, request) => outbox.enqueueIn(tx, { stream: 'email_request', type: 'catalogue.email', payload: request }),
    () => link.sync.status().online,
    config.kioskId,
    clock,
  );
  const kioskKey = loadOrCreateKioskKey(config.dataDir);
  const certificates = new CertificateService(db, session, () => link.queries(), printing, () => kioskKey, config.kioskId, clock);
  if (demo) catalogue.ensureDemoCatalogue();
  const stopHooks: Array<() => Promise<void> | void> = [];
  const controlCommands: ControlCommands = {
    'sync.now': () => link.sync.syncNow(),
    'sync.status': () => link.sync.status(),
    'devices.status': () => devices.list(),
  };
  const parts: KioskParts = {
    config,
    db,
    clock,
    ids,
    events,
    session,
    devices,
    demoDevices,
    audit,
    link,
    outbox,
    gate,
    printing,
    catalogue,
    certificates,
    kioskKey: () => kioskKey,
    startedAt: clock.now(),
    control: controlCommands,
    onStop: (fn) => stopHooks.push(fn),
  };
  link.startHeartbeat(() => ({ devices: devices.list(), versions: { app: APP_VERSION, catalogue: catalogue.installedVersion() } }));

  const info = (): AppInfo => ({
    version: APP_VERSION,
    profile: config.profile,
    kioskId: config.kioskId,
    location: config.location,
    features: { ...FEATURES },
    simulatorPanel: demo,
    voice: { volume: config.voice.volume },
    idle: config.idle,
  });

  const handlers: Handlers = {
    'app.info': () => info(),
    'app.state': () => ({
      devices: devices.list(),
      sync: link.sync.status(),
    }),
    'session.wipe': ({ reason }) => {
      session.wipe(reason);
      return {};
    },
    'simulator.residents': () => demoOnly(demoDevices).residents.map(residentLabel),
    'simulator.control': async (action: SimulatorAction) => {
      if (action.action === 'setNetwork') {
        demoOnly(demoDevices);
        link.setNetwork(action.online);
      } else await demoOnly(demoDevices).control(action);
      return {};
    },
    'session.current': () => session.view(),
    'catalogue.overview': () => catalogue.overview(),
    'catalogue.items': (filter) => catalogue.items(filter),
    'catalogue.item': ({ id }) => catalogue.item(id),
    'catalogue.search': (query) => catalogue.search(query),
    'catalogue.forms': (query) => catalogue.forms(query),
    'catalogue.print': (target) => catalogue.print(target),
    'catalogue.email': (request) => catalogue.email(request),
    'log.report': ({ level, message, screen }) => {
      const ui = createLogger('renderer');
      if (level === 'error') ui.error({ screen }, message);
      else ui.warn({ screen }, message);
      return {};
    },
    ...certificateHandlers(parts),
    ...progressHandlers(parts),
    ...maintenanceAccessHandlers(parts),
    ...maintenanceHandlers(parts, options.shell),
  };

  const router = createRouter(handlers, log);
  const control = await startControlSocket(config.dataDir, controlCommands);
  log.info({ profile: config.profile, dataDir: config.dataDir, version: APP_VERSION }, 'kiosk started');

  return {
    config,
    db,
    router,
    events,
    info,
    async stop() {
      await control.close();
      for (const hook of stopHooks) await hook();
      await link.stop();
      await devices.stop();
      await demoDevices?.stop();
      db.close();
      log.info({}, 'kiosk stopped');
    },
  };
}

function demoOnly(demo: DemoDevices | undefined): DemoDevices {
  if (!demo) throw new KioskError('FORBIDDEN', 'the simulator panel exists in the demo profile only');
  return demo;
}

/** The simulator panel shows sample residents masked, like everything else on screen. */
function residentLabel(r: SampleResident): { id: string; label: string } {
  const notes = [
    isExpired(r.idCard.validTo, Date.now()) ? '身份证已过期 expired ID' : null,
    r.ssCard ? '有社保卡 SS card' : '无社保卡 no SS card',
  ].filter(Boolean);
  return { id: r.id, label: `${r.id} ${maskName(r.idCard.name)} · ${notes.join(' · ')}` };
}
