import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatformServer, demoCredential, type Exchange, type PlatformOptions, type PlatformServer } from '../../../fixtures/platform/server';
import { appliedEvents } from '../../../fixtures/platform/store';
import type { Fault } from '../../../fixtures/platform/faults';
import { openDatabase, type Db } from '../../../main/db/database';
import { createLogger } from '../../../main/log/logger';
import { PlatformClient, type PlatformClientOptions } from '../../../main/sync/platform-client';
import { SyncService, type SyncServiceOptions } from '../../../main/sync/sync-service';
import { ManualClock, sequentialIds, systemClock } from '../../../main/util/clock';
import type { Timers } from '../../../main/sync/backoff';

// Real HTTP on loopback, real SQLite files on both sides; only time and randomness are pinned.

export type Platform = PlatformServer & {
  dir: string;
  exchanges: Exchange[];
  inject(...faults: Fault[]): Promise<void>;
  admin(path: string, body?: unknown, method?: string): Promise<unknown>;
  applied(kioskId: string): ReturnType<typeof appliedEvents>;
  count(sql: string, ...params: unknown[]): number;
  stop(): Promise<void>;
};

export async function startPlatform(options: Partial<PlatformOptions> = {}): Promise<Platform> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'platform-'));
  const exchanges: Exchange[] = [];
  const server = await startPlatformServer({ ...options, dataDir: dir, onExchange: (e) => exchanges.push(e) });
  const admin = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const res = await fetch(`${server.url}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return res.json() as Promise<unknown>;
  };
  return Object.assign(server, {
    dir,
    exchanges,
    admin,
    /** Faults without a path hit the next event upload (not the token request before it). */
    inject: async (...faults: Fault[]) => void (await admin('/__admin/faults', { faults: faults.map((f) => ({ path: '/event-batches', ...f })) })),
    applied: (kioskId: string) => appliedEvents(server.db, kioskId),
    count: (sql: string, ...params: unknown[]) => (server.db.prepare(sql).get(...params) as { n: number }).n,
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** Timers that never fire by themselves: tests call syncNow()/drain() explicitly. */
export const frozenTimers: Timers & { pending: { ms: number }[] } = {
  pending: [],
  setTimeout(_fn, ms) {
    const h = { ms };
    frozenTimers.pending.push(h);
    return h;
  },
  clearTimeout(h) {
    frozenTimers.pending = frozenTimers.pending.filter((x) => x !== h);
  },
};

export type Kiosk = {
  kioskId: string;
  dir: string;
  db: Db;
  clock: ManualClock;
  client: PlatformClient;
  sync: SyncService;
  statuses: unknown[];
  /** n usage events committed, returns their event ids. */
  enqueue(n: number, stream?: 'usage' | 'fault' | 'print_audit' | 'email_request', payload?: Record<string, unknown>): string[];
  close(): void;
};

export function startKiosk(
  platformUrl: string,
  options: { kioskId?: string; client?: Partial<PlatformClientOptions>; sync?: Partial<SyncServiceOptions>; dir?: string } = {},
): Kiosk {
  const kioskId = options.kioskId ?? 'K-TEST-01';
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kiosk-'));
  const db = openDatabase(join(dir, 'kiosk.db'));
  const clock = new ManualClock(Date.now());
  const client = new PlatformClient({
    baseUrl: platformUrl,
    kioskId,
    credential: demoCredential(kioskId),
    clock: systemClock,
    timeoutMs: 3_000,
    connectTimeoutMs: 2_000,
    ...options.client,
  });
  const statuses: unknown[] = [];
  const sync = new SyncService({
    db,
    client,
    clock,
    ids: sequentialIds(`${kioskId}-${Date.now()}`),
    bootId: 'boot-test',
    random: () => 0,
    timers: frozenTimers,
    logger: createLogger('sync-test'),
    onStatus: (s) => statuses.push(s),
    ...options.sync,
  });
  const enqueue: Kiosk['enqueue'] = (n, stream = 'usage', payload = {}) => {
    const ids: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < n; i++) ids.push(sync.outbox.enqueueIn(db, { stream, type: `${stream}.test`, payload: { i, ...payload } }).eventId);
    })();
    return ids;
  };
  return {
    kioskId,
    dir,
    db,
    clock,
    client,
    sync,
    statuses,
    enqueue,
    close() {
      db.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
