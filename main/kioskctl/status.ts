import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { KioskConfig } from '../config/schema';
import type { LiveStatus } from './control-commands';
import { openDatabase, schemaVersion } from '../db/database';
import { migrations } from '../db/migrations';
import { APP_VERSION } from '../version';

export type KioskStatus = {
  versions: { app: string; node: string; electron: string | null };
  profile: KioskConfig['profile'];
  kioskId: string;
  location: string;
  dataDir: string;
  database: {
    path: string;
    exists: boolean;
    schemaVersion: number | null;
    latestSchemaVersion: number;
    quickCheck: string | null;
    sizeBytes: number;
    walBytes: number;
    error?: string;
  };
  devices: KioskConfig['devices'];
  sync: { platform: string; pending: number; deadLetters: number; oldestPendingAt: string | null } | null;
};

/** What `kioskctl status` reports, read from the data directory (safe while the kiosk runs: WAL readers never block it). */
export function readStatus(config: KioskConfig): KioskStatus {
  const path = join(config.dataDir, 'kiosk.db');
  const exists = existsSync(path);
  const database: KioskStatus['database'] = {
    path,
    exists,
    schemaVersion: null,
    latestSchemaVersion: migrations.at(-1)?.version ?? 0,
    quickCheck: null,
    sizeBytes: exists ? statSync(path).size : 0,
    walBytes: existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0,
  };
  let sync: KioskStatus['sync'] = null;
  if (exists) {
    try {
      const db = openDatabase(path, { readonly: true, migrate: false });
      try {
        database.schemaVersion = schemaVersion(db);
        database.quickCheck = String(db.pragma('quick_check(1)', { simple: true }));
        sync = readSync(db, config);
      } finally {
        db.close();
      }
    } catch (error) {
      database.error = error instanceof Error ? error.message : String(error);
    }
  }
  return {
    versions: { app: APP_VERSION, node: process.versions.node, electron: process.versions.electron ?? electronPackageVersion() },
    profile: config.profile,
    kioskId: config.kioskId,
    location: config.location,
    dataDir: config.dataDir,
    database,
    devices: config.devices,
    sync,
  };
}

function readSync(db: ReturnType<typeof openDatabase>, config: KioskConfig): KioskStatus['sync'] {
  const hasOutbox = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").get();
  if (!hasOutbox) return null;
  const row = db
    .prepare(
      `SELECT
         SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,
         SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END) AS dead,
         MIN(CASE WHEN state = 'pending' THEN occurred_at END) AS oldest
       FROM outbox`,
    )
    .get() as { pending: number | null; dead: number | null; oldest: number | null };
  return {
    platform: config.platform.url,
    pending: row.pending ?? 0,
    deadLetters: row.dead ?? 0,
    oldestPendingAt: row.oldest === null ? null : new Date(row.oldest).toISOString(),
  };
}

function electronPackageVersion(): string | null {
  try {
    const path = fileURLToPath(new URL('../../node_modules/electron/package.json', import.meta.url));
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

export function formatStatus(s: KioskStatus & { live?: LiveStatus | null }): string {
  const db = s.database;
  const lines = [
    `海珠e办事 kiosk ${s.versions.app} (node ${s.versions.node}, electron ${s.versions.electron ?? 'not installed'})`,
    `profile     ${s.profile}`,
    `kiosk       ${s.kioskId} — ${s.location}`,
    `data        ${s.dataDir}`,
    db.exists
      ? `database    schema ${db.schemaVersion ?? '?'}/${db.latestSchemaVersion}, quick_check ${db.quickCheck ?? '?'}, ${kb(db.sizeBytes)} + WAL ${kb(db.walBytes)}${db.error ? ` — ${db.error}` : ''}`
      : 'database    not created yet (the kiosk creates it on first start)',
    `devices     id-card ${s.devices.idReaderPort}, ss-card ${s.devices.ssReader}, ticket ${s.devices.ticketPrinterPort}, A4 ${s.devices.pagePrinter}`,
    s.sync
      ? `sync        ${s.sync.platform}: ${s.sync.pending} pending${s.sync.oldestPendingAt ? ` (oldest ${s.sync.oldestPendingAt})` : ''}, ${s.sync.deadLetters} dead letters`
      : 'sync        no outbox yet',
    s.live ? formatLive(s.live) : 'running     no (nothing answers on the control socket)',
  ];
  return lines.join('\n');
}

function formatLive(live: LiveStatus): string {
  const devices = live.devices.map((d) => `${d.id} ${d.state}${d.paper ? ` (paper ${d.paper})` : ''}`).join(', ');
  return [
    `running     yes, version ${live.version}, up ${Math.round(live.uptimeMs / 60_000)} min; catalogue ${live.catalogueVersion ?? 'none'}; maintenance ${live.maintenanceOpen ? 'signed in' : 'closed'}`,
    `live        ${devices}`,
    `live sync   ${live.sync.online ? 'online' : 'OFFLINE'}, ${live.sync.pending} pending, ${live.sync.deadLetters} dead letters, last success ${live.sync.lastSuccessAt ?? 'never'}`,
  ].join('\n');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
