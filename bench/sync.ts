// Sync budgets (issue 4): events enqueued per second with synchronous=FULL against NORMAL in the same
// run, and the time to drain a backlog against the platform simulator over loopback HTTP with the
// peak RSS seen during the drain. `npx tsx bench/sync.ts [backlog]` prints the rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCredential, startPlatformServer } from '../fixtures/platform/server';
import { openDatabase } from '../main/db/database';
import { createLogger } from '../main/log/logger';
import { Outbox } from '../main/sync/outbox';
import { PlatformClient } from '../main/sync/platform-client';
import { SyncService } from '../main/sync/sync-service';
import { systemClock } from '../main/util/clock';
import { timeOrderedIds } from '../main/sync/event-ids';
import type { BenchRow } from './table';

export type SyncBenchOptions = {
  /** Events enqueued one transaction each, per synchronous mode. */
  enqueueCount?: number;
  /** Size of the backlog drained against the simulator. */
  backlog?: number;
};

let databases = 0;

function enqueueRate(dir: string, mode: 'FULL' | 'NORMAL', count: number, withoutCap = false): number {
  const db = openDatabase(join(dir, `enqueue-${mode}${withoutCap ? '-nocap' : ''}-${++databases}.db`));
  db.pragma(`synchronous = ${mode}`);
  // The alternative for the size cap's cost: no totals triggers (the cap then reads a constant row).
  if (withoutCap) for (const t of ['outbox_totals_insert', 'outbox_totals_update', 'outbox_totals_delete']) db.exec(`DROP TRIGGER ${t}`);
  const outbox = new Outbox(db, { clock: systemClock, ids: timeOrderedIds(systemClock), bootId: 'bench' });
  const insertJob = db.prepare("INSERT INTO print_jobs (id, created_at, updated_at, printer, kind, state) VALUES (?, 0, 0, 'page', 'certificate', 'done')");
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    // The real shape: one business row and its event per transaction, each a durable commit.
    db.transaction(() => {
      insertJob.run(`job-${i}`);
      outbox.enqueueIn(db, { stream: 'print_audit', type: 'print.completed', payload: { job: `job-${i}`, pages: 1 } });
    })();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  return count / seconds;
}

async function drain(dir: string, backlog: number): Promise<{ seconds: number; peakRssMb: number; batches: number }> {
  const platform = await startPlatformServer({ dataDir: join(dir, 'platform') });
  const db = openDatabase(join(dir, 'drain.db'));
  const kioskId = 'K-BENCH';
  const sync = new SyncService({
    db,
    client: new PlatformClient({ baseUrl: platform.url, kioskId, credential: demoCredential(kioskId), clock: systemClock }),
    clock: systemClock,
    bootId: 'bench',
    logger: createLogger('bench'),
  });
  const chunk = 5_000;
  for (let done = 0; done < backlog; done += chunk) {
    db.transaction(() => {
      for (let i = done; i < Math.min(backlog, done + chunk); i++) {
        sync.outbox.enqueueIn(db, { stream: i % 10 === 0 ? 'print_audit' : 'usage', type: 'bench.event', payload: { i, screen: 'guide', itemId: `HZ-GA-${i % 500}` } });
      }
    })();
  }
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const start = process.hrtime.bigint();
  const status = await sync.syncNow();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  const batches = (platform.db.prepare('SELECT COUNT(*) AS n FROM deliveries').get() as { n: number }).n;
  await sync.stop();
  db.close();
  await platform.close();
  if (status.pending !== 0) throw new Error(`drain left ${status.pending} events pending`);
  return { seconds, peakRssMb: peak / 1024 / 1024, batches };
}

export async function benchSync(options: SyncBenchOptions = {}): Promise<BenchRow[]> {
  const enqueueCount = options.enqueueCount ?? 2_000;
  const backlog = options.backlog ?? Number(process.env.BENCH_SYNC_BACKLOG ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  try {
    const full = enqueueRate(dir, 'FULL', enqueueCount);
    const normal = enqueueRate(dir, 'NORMAL', enqueueCount);
    // The cap's cost is small beside run-to-run noise: interleaved runs after a warm-up, medians.
    enqueueRate(dir, 'NORMAL', enqueueCount);
    const capped: number[] = [];
    const uncappedRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      capped.push(enqueueRate(dir, 'NORMAL', enqueueCount));
      uncappedRuns.push(enqueueRate(dir, 'NORMAL', enqueueCount, true));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] ?? Number.NaN;
    const withCap = median(capped);
    const uncapped = median(uncappedRuns);
    const d = await drain(dir, backlog);
    return [
      { name: 'outbox enqueue, synchronous=FULL (baseline: NORMAL)', value: Math.round(full), unit: 'events/s', baseline: Math.round(normal), ratio: Number((full / normal).toFixed(2)) },
      {
        name: 'outbox enqueue with the size cap, synchronous=NORMAL, median of 3 (baseline: cap triggers dropped)',
        value: Math.round(withCap),
        unit: 'events/s',
        baseline: Math.round(uncapped),
        ratio: Number((withCap / uncapped).toFixed(2)),
      },
      { name: `drain ${backlog.toLocaleString('en')} events to the simulator (${d.batches} batches)`, value: Number(d.seconds.toFixed(1)), unit: 's' },
      { name: 'drain throughput', value: Math.round(backlog / d.seconds), unit: 'events/s' },
      { name: 'peak RSS during the drain (kiosk + in-process simulator)', value: Math.round(d.peakRssMb), unit: 'MiB' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const backlog = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const row of await benchSync(backlog === undefined ? {} : { backlog })) console.log(row);
}
