import { join } from 'node:path';
import type { MaintenanceDashboard, PrinterId } from '../../contract/maintenance';
import { catalogueStats } from '../catalogue';
import type { KioskParts } from '../kiosk-parts';
import { APP_VERSION } from '../version';
import type { DeviceHistory } from './device-history';
import type { PaperCounter } from './paper-counter';
import type { RunHistory } from './run-history';
import { runtimeVersions, storageInfo } from './storage-info';

export type DashboardSources = Pick<KioskParts, 'config' | 'db' | 'clock' | 'devices' | 'link' | 'startedAt'> & {
  paper: PaperCounter;
  deviceHistory: DeviceHistory;
  runs: RunHistory;
};

const iso = (ms: number) => new Date(ms).toISOString();
const PRINTERS: PrinterId[] = ['page-printer', 'ticket-printer'];

/** Everything the technician's dashboard shows, read fresh on every call. */
export function buildDashboard(s: DashboardSources): MaintenanceDashboard {
  const now = s.clock.now();
  const devices = s.devices.list();
  const lastErrors = s.deviceHistory.lastErrors();
  const stats = catalogueStats(s.db);
  const versions = [stats.active, stats.previous]
    .filter((v) => v !== null)
    .map((v) => ({ version: v.bundleVersion, installedAt: v.installedAt, source: v.source, active: v === stats.active }));
  const updates = s.db
    .prepare('SELECT role, version, outcome, reason, at FROM update_attempts ORDER BY id DESC LIMIT 10')
    .all() as { role: string; version: number | null; outcome: string; reason: string | null; at: number }[];
  const configInstalled = s.db.prepare("SELECT installed FROM update_versions WHERE role = 'config'").pluck().get() as number | undefined;
  const { lastStop } = s.runs;
  return {
    kioskId: s.config.kioskId,
    location: s.config.location,
    generatedAt: iso(now),
    devices: devices.map((d) => {
      const last = lastErrors.get(d.id);
      return {
        id: d.id,
        state: d.state,
        detail: d.detail ?? null,
        since: d.since,
        lastError: last ? { state: last.state, detail: last.detail, at: iso(last.at) } : null,
      };
    }),
    paper: PRINTERS.map((printer) => {
      const refill = s.paper.lastRefill(printer);
      return {
        printer,
        paper: devices.find((d) => d.id === printer)?.paper ?? 'unknown',
        lastRefillAt: refill === null ? null : iso(refill),
        printedSinceRefill: s.paper.printedSinceRefill(printer),
      };
    }),
    sync: s.link.sync.status(),
    catalogue: { active: stats.active?.bundleVersion ?? null, previous: stats.previous?.bundleVersion ?? null, versions },
    config: { installed: configInstalled ?? null },
    updates: updates.map((u) => ({ ...u, at: iso(u.at) })),
    storage: storageInfo(s.config.dataDir, join(s.config.dataDir, 'kiosk.db')),
    versions: runtimeVersions(APP_VERSION),
    uptimeMs: Math.max(0, now - s.startedAt),
    startedAt: iso(s.startedAt),
    lastStop: { kind: lastStop.kind, reason: lastStop.reason, at: lastStop.at === null ? null : iso(lastStop.at) },
  };
}
