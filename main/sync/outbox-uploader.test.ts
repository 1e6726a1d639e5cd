import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../contract/errors';
import { openDatabase, type Db } from '../db/database';
import { createLogger } from '../log/logger';
import { ManualClock, sequentialIds } from '../util/clock';
import type { Timers } from './backoff';
import { Outbox } from './outbox';
import { OutboxUploader } from './outbox-uploader';
import type { EventBatch, EventBatchResult } from './platform-types';

// The uploader's scheduling with a scripted platform (the HTTP path is proven in
// tests/integration/sync): hand-driven timers and a fixed random source.

class HandTimers implements Timers {
  queue: { fn: () => void; ms: number }[] = [];
  setTimeout(fn: () => void, ms: number) {
    const h = { fn, ms };
    this.queue.push(h);
    return h;
  }
  clearTimeout(h: unknown) {
    this.queue = this.queue.filter((x) => x !== h);
  }
  /** Fires the one pending timer and returns its delay. */
  fire(): number {
    const next = this.queue.shift();
    if (!next) throw new Error('no timer pending');
    next.fn();
    return next.ms;
  }
}

type Script = (batch: EventBatch) => Promise<EventBatchResult>;
const accept: Script = async (batch) => ({
  batchId: batch.batchId,
  results: batch.events.map((e) => ({ eventId: e.eventId, seq: e.seq, status: 'accepted' as const })),
  ackedThroughSeq: Math.max(...batch.events.map((e) => e.seq)),
  serverTime: 0,
  limits: { maxBatchEvents: 100, maxBatchBytes: 262144 },
});

let dir: string;
let db: Db;
let clock: ManualClock;
let timers: HandTimers;
let outbox: Outbox;
let calls: EventBatch[];
let script: Script;

function uploader(options: { random?: () => number } = {}) {
  return new OutboxUploader({
    outbox,
    client: {
      kioskId: 'K-UNIT',
      uploadEvents: (b) => {
        calls.push(b);
        return script(b);
      },
    },
    clock,
    random: options.random ?? (() => 0.5),
    timers,
    logger: createLogger('sync-unit'),
    startupDelayMaxMs: 30_000,
    pollIntervalMs: 20_000,
  });
}
const settle = () => new Promise((r) => setTimeout(r, 10));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-uploader-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  clock = new ManualClock();
  timers = new HandTimers();
  outbox = new Outbox(db, { clock, ids: sequentialIds('evt-unit'), bootId: 'boot' });
  calls = [];
  script = accept;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('OutboxUploader scheduling', () => {
  it('waits a random part of the start-up window before the first attempt', () => {
    uploader({ random: () => 0.25 }).start();
    expect(timers.queue.map((t) => t.ms)).toEqual([7_500]);
  });

  it('a timer drives it even when nothing new is written', async () => {
    outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} });
    const u = uploader();
    u.start();
    timers.fire();
    await settle();
    expect(calls).toHaveLength(1);
    // Idle now: the watchdog timer is armed anyway.
    expect(timers.queue.map((t) => t.ms)).toEqual([20_000]);
    outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} });
    timers.fire();
    await settle();
    expect(calls).toHaveLength(2);
    await u.stop();
    expect(timers.queue).toEqual([]);
  });

  it('backs off with growing ceilings and honours Retry-After, then resets on success', async () => {
    outbox.enqueue({ stream: 'fault', type: 'printer.jam', payload: {} });
    const failures = [
      new KioskError('PLATFORM_UNREACHABLE', 'down', { status: null, cause: 'network' }),
      new KioskError('PLATFORM_UNREACHABLE', 'down', { status: null, cause: 'network' }),
      new KioskError('PLATFORM_UNREACHABLE', 'busy', { status: 503, cause: 'http', retryAfterMs: 60_000 }),
    ];
    script = async (b) => {
      const f = failures.shift();
      if (f) throw f;
      return accept(b);
    };
    const u = uploader({ random: () => 0.5 });
    u.start();
    timers.fire();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await settle();
      delays.push(timers.queue[0]?.ms ?? -1);
      timers.fire();
    }
    await settle();
    // 0.5 × 1 s, 0.5 × 2 s, then max(0.5 × 4 s, Retry-After 60 s); after the success: the watchdog.
    expect(delays).toEqual([500, 1_000, 60_000]);
    expect(timers.queue.map((t) => t.ms)).toEqual([20_000]);
    await u.stop();
  });

  it('never has two requests in flight', async () => {
    for (let i = 0; i < 3; i++) outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} });
    let release: () => void = () => undefined;
    let inFlight = 0;
    let most = 0;
    script = async (b) => {
      most = Math.max(most, ++inFlight);
      await new Promise<void>((r) => (release = r));
      inFlight--;
      return accept(b);
    };
    const u = uploader();
    const a = u.attempt();
    const b = u.attempt();
    const c = u.syncNow();
    await settle();
    release();
    await settle();
    release();
    await Promise.all([a, b, c]);
    expect(most).toBe(1);
    expect(outbox.stats().pending).toBe(0);
  });

  it('a nudge sends soon, but not while backing off', async () => {
    script = async () => {
      throw new KioskError('PLATFORM_UNREACHABLE', 'down', { status: null, cause: 'network' });
    };
    const u = uploader();
    u.start();
    timers.queue = [];
    outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} });
    u.nudge();
    expect(timers.queue.map((t) => t.ms)).toEqual([0]);
    timers.fire();
    await settle();
    const backoff = timers.queue.map((t) => t.ms);
    u.nudge();
    expect(timers.queue.map((t) => t.ms)).toEqual(backoff);
    await u.stop();
  });

  it('uses the same Idempotency-Key and body for a retry of the same events', async () => {
    outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: { a: 1 } });
    script = async () => {
      throw new KioskError('PLATFORM_UNREACHABLE', 'down', { status: null, cause: 'network' });
    };
    const u = uploader();
    await u.attempt();
    clock.advance(5_000);
    await u.attempt();
    expect(calls[0]?.batchId).toBe(calls[1]?.batchId);
    expect(calls[0]?.events).toEqual(calls[1]?.events);
  });
});
