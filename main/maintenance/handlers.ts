import { KioskError } from '../../contract';
import { rollbackCatalogue } from '../catalogue';
import type { Handlers } from '../ipc/router';
import type { KioskParts } from '../kiosk-parts';
import { createLogger } from '../log/logger';
import { retryDeadLetters } from '../sync/dead-letter-retry';
import { audited } from './audited';
import { buildDashboard } from './dashboard';
import { DeviceHistory } from './device-history';
import { PaperCounter } from './paper-counter';
import { recentLog } from './recent-log';
import { RunHistory } from './run-history';
import { SettingsService } from './settings-service';

const log = createLogger('maintenance');

/** What the shell running the kiosk can do for maintenance mode (Electron, browser shell). */
export type ShellHooks = {
  /** Stop the services cleanly and start the app again (Electron: relaunch; browser shell: exit code). */
  restart?: () => void;
  /** The fragment the reloaded page needs (browser shell: its secret); Electron needs none. */
  reloadFragment?: () => string;
};

type MaintenanceChannel =
  | 'maintenance.dashboard'
  | 'maintenance.paperRefilled'
  | 'maintenance.syncNow'
  | 'maintenance.retryDeadLetters'
  | 'maintenance.catalogueRollback'
  | 'maintenance.reloadUi'
  | 'maintenance.restart'
  | 'maintenance.log'
  | 'maintenance.settings'
  | 'maintenance.saveSettings';

/** Long enough for the answer to reach the screen before the services stop. */
const RESTART_DELAY_MS = 300;

/**
 * The technician's dashboard, actions and settings (contract/maintenance.ts). Every channel
 * authorizes its token first (FORBIDDEN when unknown or idle for five minutes); every action is
 * written to the audit log and the outbox in one transaction with what it changed.
 */
export function maintenanceHandlers(parts: KioskParts, shell: ShellHooks = {}): Pick<Handlers, MaintenanceChannel> {
  const { db, audit, outbox, clock, gate, link, events, config } = parts;
  const deps = { db, audit, outbox };
  const paper = new PaperCounter(db);
  const deviceHistory = new DeviceHistory(db, clock);
  const runs = new RunHistory(config.dataDir, clock);
  const settings = new SettingsService(config, deps, clock);
  for (const status of parts.devices.list()) deviceHistory.record(status);
  const unsubscribe = events.subscribe((event, payload) => {
    if (event === 'device.status') deviceHistory.record(payload as Parameters<DeviceHistory['record']>[0]);
  });
  parts.onStop(() => {
    unsubscribe();
    runs.stopped();
  });

  const now = () => clock.now();
  const at = () => ({ at: new Date(now()).toISOString() });
  /** Audit + outbox in one transaction, then let the event go out. */
  const act = <T>(action: string, run: () => T, detail?: (result: T) => Record<string, unknown>): T => {
    const result = audited(deps, action, run, detail);
    link.sync.nudge();
    return result;
  };

  return {
    'maintenance.dashboard': ({ token }) => {
      gate.authorize(token);
      return buildDashboard({ ...parts, paper, deviceHistory, runs });
    },
    'maintenance.paperRefilled': ({ token, printer }) => {
      gate.authorize(token);
      act(
        'maintenance.paperRefilled',
        () => {
          const printedBefore = paper.printedSinceRefill(printer);
          paper.markRefilled(printer, now());
          return printedBefore;
        },
        (printedBefore) => ({ printer, printedSinceLastRefill: printedBefore }),
      );
      return at();
    },
    'maintenance.syncNow': async ({ token }) => {
      gate.authorize(token);
      act('maintenance.syncNow', () => link.sync.status(), (s) => ({ pendingBefore: s.pending }));
      const status = await link.sync.syncNow();
      return { online: status.online, pending: status.pending, deadLetters: status.deadLetters };
    },
    'maintenance.retryDeadLetters': ({ token }) => {
      gate.authorize(token);
      return act('maintenance.retryDeadLetters', () => retryDeadLetters(db, now()), (r) => ({ ...r }));
    },
    'maintenance.catalogueRollback': ({ token }) => {
      gate.authorize(token);
      const result = act(
        'maintenance.catalogueRollback',
        () => {
          const from = parts.catalogue.installedVersion();
          try {
            return { from, to: rollbackCatalogue(db, { now }).bundleVersion };
          } catch (error) {
            throw new KioskError('NOT_AVAILABLE', error instanceof Error ? error.message : 'no earlier catalogue version');
          }
        },
        (r) => ({ fromVersion: r.from, toVersion: r.to }),
      );
      log.info({ from: result.from, to: result.to }, 'catalogue rolled back by a technician');
      return { version: result.to };
    },
    'maintenance.reloadUi': ({ token }) => {
      gate.authorize(token);
      act('maintenance.reloadUi', () => undefined);
      // After the answer: the page reloads itself when the event arrives.
      setTimeout(() => events.publish('ui.reload', { fragment: shell.reloadFragment?.() ?? '' }), 50);
      return at();
    },
    'maintenance.restart': ({ token }) => {
      gate.authorize(token);
      const restart = shell.restart;
      if (!restart) throw new KioskError('NOT_AVAILABLE', 'this shell cannot restart the app');
      act('maintenance.restart', () => undefined, () => ({ reason: 'technician' }));
      runs.setStopReason('technician-restart');
      log.warn({}, 'restart requested by a technician');
      setTimeout(restart, RESTART_DELAY_MS);
      return at();
    },
    'maintenance.log': ({ token, lines }) => {
      gate.authorize(token);
      return { lines: recentLog(config.dataDir, lines ?? 100) };
    },
    'maintenance.settings': ({ token }) => {
      gate.authorize(token);
      return { settings: settings.current() };
    },
    'maintenance.saveSettings': ({ token, settings: next }) => {
      gate.authorize(token);
      const result = settings.save(next);
      link.sync.nudge();
      return result;
    },
  };
}
