import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { demoCredential } from '../../../fixtures/platform/credentials';
import { KioskError } from '../../../contract/errors';
import { openDatabase } from '../../../main/db/database';
import { createLogger } from '../../../main/log/logger';
import { PlatformClient } from '../../../main/sync/platform-client';
import { SignedUpdater, type UpdateTarget } from '../../../main/sync/signed-updater';
import { SyncService } from '../../../main/sync/sync-service';
import { catalogueTarget, configTarget } from '../../../main/sync/update-targets';
import { systemClock } from '../../../main/util/clock';
import { seededRandom } from '../../support/seeded-random';

// The kiosk under test for the fault-injection suite: the real sync module on a real database in a
// process the nemesis kills. A load generator commits a business row and its outbox event together and
// prints `C <eventId>` only after the commit (the set the kiosk "reported to the user").
// `--drain` generates nothing and exits once the outbox is empty, printing `DRAINED`.
// With `--root <spki>` it also checks for signed catalogue/config updates over and over, printing
// `I <version>` right before a catalogue import+switch starts and `S <version>` after it, so the
// nemesis can kill in the middle of a switch. `--max-rows` caps the outbox (shedding/refusals under
// load); a refused event prints `R` and is not reported committed.

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    platform: { type: 'string' },
    kiosk: { type: 'string', default: 'K-NEMESIS' },
    seed: { type: 'string', default: '1' },
    drain: { type: 'boolean', default: false },
    root: { type: 'string' },
    data: { type: 'string' },
    'max-rows': { type: 'string' },
  },
});

// The parent went away (test aborted): nothing left to report to.
process.stdout.on('error', () => process.exit(0));

const random = seededRandom(Number(values.seed));

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
  ...(values['max-rows'] ? { outboxLimits: { maxRows: Number(values['max-rows']), maxBytes: 64 * 1024 * 1024, shedAt: 0.8 } } : {}),
});

/** The catalogue target, with markers around the import+switch transaction for the nemesis. */
function marked(target: UpdateTarget): UpdateTarget {
  return {
    ...target,
    async install(dir, manifest) {
      process.stdout.write(`I ${manifest.version}\n`);
      await target.install(dir, manifest);
      process.stdout.write(`S ${manifest.version}\n`);
    },
  };
}

const updater = values.root
  ? new SignedUpdater({
      db,
      client,
      outbox: sync.outbox,
      clock: systemClock,
      logger: createLogger('nemesis-updates'),
      dataDir: values.data as string,
      appVersion: '0.1.0',
      buildTime: Date.UTC(2026, 0, 1),
      pinned: { rootKeys: [values.root], threshold: 1 },
      targets: [marked(catalogueTarget(db, { clock: systemClock })), configTarget(db, { clock: systemClock })],
    })
  : null;

const streams = ['print_audit', 'usage', 'usage', 'fault', 'email_request', 'heartbeat'] as const;

if (values.drain) {
  const deadline = Date.now() + 60_000;
  // Finish any update first (its report is an event too), then drain.
  for (;;) {
    const outcomes = (await updater?.checkNow()) ?? [];
    if (outcomes.every((o) => o.outcome === 'up_to_date' || o.outcome === 'rejected')) {
      process.stdout.write(`UPDATES ${JSON.stringify(outcomes)}\n`);
      break;
    }
    if (Date.now() > deadline) {
      process.stdout.write(`STUCK-UPDATES ${JSON.stringify(outcomes)}\n`);
      process.exit(3);
    }
  }
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
    let enqueued;
    try {
      enqueued = db.transaction(() => {
        if (stream === 'print_audit') insertJob.run(jobId, Date.now(), Date.now());
        return sync.outbox.enqueueIn(db, { stream, type: `${stream.replace('_', '.')}.load`, payload: { jobId: stream === 'print_audit' ? jobId : null, n: i } });
      })();
    } catch (error) {
      // The outbox is at its cap: the "print" is refused with its audit row, as the kiosk would.
      if (error instanceof KioskError && error.detail?.cause === 'outbox_full') {
        process.stdout.write('R\n');
        continue;
      }
      throw error;
    }
    // Printed only after the commit returned: these ids were "acknowledged to the user".
    if (enqueued.shed) process.stdout.write('D\n');
    else if (!enqueued.coalesced) process.stdout.write(`C ${enqueued.eventId}\n`);
  }
  sync.nudge();
  setTimeout(tick, Math.floor(random() * 15));
};
tick();

// Checks back to back (the real kiosk waits for SSE or a 15 min poll): the nemesis decides when a
// new version appears, and a kill can land in any phase of a check.
if (updater) {
  for (;;) {
    await updater.checkNow();
    await new Promise((r) => setTimeout(r, 100));
  }
}
