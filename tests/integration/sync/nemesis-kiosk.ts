import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { demoCredential } from '../../../fixtures/platform/credentials';
import { openDatabase } from '../../../main/db/database';
import { PlatformClient } from '../../../main/sync/platform-client';
import { SyncService } from '../../../main/sync/sync-service';
import { systemClock } from '../../../main/util/clock';

// The kiosk under test for the fault-injection suite: the real sync module on a real database in a
// process the nemesis kills. A load generator commits a business row and its outbox event together and
// prints `C <eventId>` only after the commit (the set the kiosk "reported to the user").
// `--drain` generates nothing and exits once the outbox is empty, printing `DRAINED`.

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    platform: { type: 'string' },
    kiosk: { type: 'string', default: 'K-NEMESIS' },
    seed: { type: 'string', default: '1' },
    drain: { type: 'boolean', default: false },
  },
});

// The parent went away (test aborted): nothing left to report to.
process.stdout.on('error', () => process.exit(0));

let state = Number(values.seed) >>> 0 || 1;
const random = () => {
  // mulberry32: a small seeded generator, so a failing run can be replayed.
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const db = openDatabase(values.db as string);
const kioskId = values.kiosk as string;
const client = new PlatformClient({ baseUrl: values.platform as string, kioskId, credential: demoCredential(kioskId), clock: systemClock, timeoutMs: 1500, connectTimeoutMs: 1000 });
const sync = new SyncService({
  db,
  client,
  clock: systemClock,
  bootId: randomUUID(),
  random,
  backoff: { baseMs: 20, capMs: 400 },
  startupDelayMaxMs: 50,
  pollIntervalMs: 100,
  maxBatchEvents: 40,
});

const streams = ['print_audit', 'usage', 'usage', 'fault', 'email_request', 'heartbeat'] as const;

if (values.drain) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await sync.syncNow();
    if (status.pending === 0) break;
    if (Date.now() > deadline) {
      process.stdout.write(`STUCK ${JSON.stringify(status)}\n`);
      process.exit(3);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.stdout.write('DRAINED\n');
  db.close();
  process.exit(0);
}

sync.start();
const insertJob = db.prepare("INSERT INTO print_jobs (id, created_at, updated_at, printer, kind, state) VALUES (?, ?, ?, 'page', 'certificate', 'done')");
const tick = () => {
  const n = 1 + Math.floor(random() * 4);
  for (let i = 0; i < n; i++) {
    const stream = streams[Math.floor(random() * streams.length)] ?? 'usage';
    const jobId = randomUUID();
    const enqueued = db.transaction(() => {
      if (stream === 'print_audit') insertJob.run(jobId, Date.now(), Date.now());
      return sync.outbox.enqueueIn(db, { stream, type: `${stream.replace('_', '.')}.load`, payload: { jobId: stream === 'print_audit' ? jobId : null, n: i } });
    })();
    // Printed only after the commit returned: these ids were "acknowledged to the user".
    if (!enqueued.coalesced) process.stdout.write(`C ${enqueued.eventId}\n`);
  }
  sync.nudge();
  setTimeout(tick, Math.floor(random() * 15));
};
tick();
