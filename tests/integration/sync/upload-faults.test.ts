import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKiosk, startPlatform, type Kiosk, type Platform } from './harness';

// The uploader against the simulator over real HTTP, one injected fault at a time. Each test ends
// with the same audit: every committed event applied exactly once, nothing else applied.

let platform: Platform;
let kiosk: Kiosk;

beforeEach(async () => {
  platform = await startPlatform();
  kiosk = startKiosk(platform.url);
});
afterEach(async () => {
  kiosk.close();
  await platform.stop();
});

function expectExactlyOnce(ids: readonly string[]) {
  const applied = platform.applied(kiosk.kioskId);
  expect(applied.map((e) => e.eventId).sort()).toEqual([...ids].sort());
  expect(platform.count('SELECT COUNT(*) AS n FROM effects WHERE kiosk_id = ?', kiosk.kioskId)).toBe(applied.filter((e) => e.status === 'accepted').length);
  // No gaps: seqs are 1..n.
  expect(applied.map((e) => e.seq)).toEqual(applied.map((_, i) => i + 1));
  expect(kiosk.sync.status()).toMatchObject({ pending: 0 });
}

describe('outbox upload over HTTP', () => {
  it('drains a backlog in bounded batches and reports online with a last success', async () => {
    const ids = kiosk.enqueue(250);
    // Nothing tried yet: "offline" would be a guess, and the status says so.
    expect(kiosk.sync.status()).toMatchObject({ online: false, probed: false });
    const status = await kiosk.sync.syncNow();
    expect(status.probed).toBe(true);
    expect(status).toMatchObject({ online: true, pending: 0, deadLetters: 0, oldestPendingAgeMs: null });
    expect(status.lastSuccessAt).not.toBeNull();
    expectExactlyOnce(ids);
    expect(platform.count('SELECT COUNT(*) AS n FROM deliveries')).toBe(3);
    expect(kiosk.statuses.at(-1)).toMatchObject({ online: true, pending: 0 });
  });

  it('drop after commit (lost ack): the resend is a duplicate, applied once', async () => {
    const ids = kiosk.enqueue(20);
    await platform.inject({ kind: 'drop_after_commit' });
    const first = await kiosk.sync.syncNow();
    expect(first).toMatchObject({ online: false, probed: true, pending: 20 });
    // The platform stored them although the kiosk never heard back.
    expect(platform.applied(kiosk.kioskId)).toHaveLength(20);
    await kiosk.sync.syncNow();
    expectExactlyOnce(ids);
    expect(platform.count("SELECT COUNT(*) AS n FROM event_deliveries WHERE status = 'duplicate'")).toBe(20);
    expect(platform.count('SELECT COUNT(*) AS n FROM event_deliveries')).toBe(40);
  });

  it('drop before reading, 500 and garbage body: retried until delivered once', async () => {
    const ids = kiosk.enqueue(5);
    await platform.inject({ kind: 'drop_before' }, { kind: 'http_500' }, { kind: 'garbage_body' });
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const before = kiosk.sync.status().pending;
      await kiosk.sync.syncNow();
      if (kiosk.sync.status().pending === before) codes.push('retry');
    }
    expect(codes).toEqual(['retry', 'retry', 'retry']);
    expectExactlyOnce(ids);
  });

  it('503 and 429 with Retry-After set the floor of the next delay', async () => {
    kiosk.enqueue(3);
    await platform.inject({ kind: 'http_503', retryAfter: 7 }, { kind: 'http_429', retryAfter: 11 });
    const uploader = (kiosk.sync as unknown as { uploader: { syncNow(): Promise<{ kind: string; retryInMs?: number }> } }).uploader;
    expect(await uploader.syncNow()).toMatchObject({ kind: 'failed', retryInMs: 7000 });
    expect(await uploader.syncNow()).toMatchObject({ kind: 'failed', retryInMs: 11000 });
    expect(await uploader.syncNow()).toMatchObject({ kind: 'sent' });
  });

  it('a hung request times out and the batch goes out on the next attempt', async () => {
    const ids = kiosk.enqueue(4);
    await platform.inject({ kind: 'hang' });
    const status = await kiosk.sync.syncNow();
    expect(status).toMatchObject({ online: false, pending: 4 });
    await kiosk.sync.syncNow();
    expectExactlyOnce(ids);
  });

  it('partial and stale acknowledgements: unacknowledged events are re-sent, none applied twice', async () => {
    const early = kiosk.enqueue(6);
    await kiosk.sync.syncNow();
    const ids = kiosk.enqueue(10);
    await platform.inject({ kind: 'stale_ack' }, { kind: 'partial' });
    // The stale reply acknowledges the earlier batch only: nothing of this one counts.
    await kiosk.sync.syncNow();
    expect(kiosk.sync.status().pending).toBe(10);
    await kiosk.sync.syncNow();
    const partial = platform.exchanges.filter((e) => e.path.endsWith('/event-batches') && e.status === 200).at(-2);
    expect((JSON.parse(partial?.responseBody.toString() ?? '{}') as { results: unknown[] }).results).toHaveLength(5);
    expectExactlyOnce([...early, ...ids]);
  });

  it('clock skew in serverTime is recorded but does not disturb delivery', async () => {
    const ids = kiosk.enqueue(3);
    await platform.inject({ kind: 'clock_skew', ms: 6 * 3_600_000 });
    await kiosk.sync.syncNow();
    expectExactlyOnce(ids);
    expect(kiosk.sync.outbox.state('max_server_time_seen')).toBeGreaterThan(Date.now() + 5 * 3_600_000);
  });

  it('slow replies still count', async () => {
    const ids = kiosk.enqueue(2);
    await platform.inject({ kind: 'slow', ms: 300 });
    await kiosk.sync.syncNow();
    expectExactlyOnce(ids);
  });

  it('413 halves the batch until it fits, then grows back', async () => {
    const ids = kiosk.enqueue(100);
    await platform.inject({ kind: 'http_413' }, { kind: 'http_413' });
    await kiosk.sync.syncNow();
    expectExactlyOnce(ids);
    const sizes = platform.exchanges.filter((e) => e.path.endsWith('/event-batches')).map((e) => (JSON.parse(e.requestBody.toString()) as { events: unknown[] }).events.length);
    expect(sizes.slice(0, 3)).toEqual([100, 50, 25]);
    // The next two stay at the halved limit (byte bound included); the one after may be larger.
    expect(Math.max(...sizes.slice(3, 5))).toBeLessThanOrEqual(25);
    // Three successes in a row double the limit again.
    expect(kiosk.sync.limits().maxEvents).toBe(50);
  });

  it('a platform with a small byte limit gets batches that fit it', async () => {
    await platform.stop();
    platform = await startPlatform({ limits: { maxBatchBytes: 8 * 1024 } });
    kiosk.close();
    kiosk = startKiosk(platform.url);
    const ids = kiosk.enqueue(60, 'usage', { pad: 'x'.repeat(300) });
    await kiosk.sync.syncNow();
    expectExactlyOnce(ids);
    for (const e of platform.exchanges.filter((x) => x.path.endsWith('/event-batches') && x.status === 200)) expect(e.requestBody.byteLength).toBeLessThanOrEqual(8 * 1024);
  });

  it('repeated 5xx halves the batch', async () => {
    kiosk.enqueue(64);
    await platform.inject({ kind: 'http_500' }, { kind: 'http_500' });
    await kiosk.sync.syncNow();
    await kiosk.sync.syncNow();
    expect(kiosk.sync.limits().maxEvents).toBe(32);
  });

  it('bisects a refused batch down to the one event at fault and dead-letters it, the rest goes through', async () => {
    const alarms: unknown[] = [];
    kiosk.close();
    kiosk = startKiosk(platform.url, { sync: { onAlarm: (a) => alarms.push(a) } });
    const b = kiosk.enqueue(37);
    const [p] = kiosk.enqueue(1, 'usage', { simRefuseBatch: true });
    const a = kiosk.enqueue(26);
    const status = await kiosk.sync.syncNow();
    expect(status).toMatchObject({ pending: 0, deadLetters: 1 });
    expect(kiosk.sync.outbox.deadLetters()).toMatchObject([{ eventId: p, source: 'local' }]);
    expect(alarms).toMatchObject([{ kind: 'dead_letter' }]);
    expect(platform.applied(kiosk.kioskId).map((e) => e.eventId).sort()).toEqual([...b, ...a].sort());
    const refused = platform.exchanges.filter((e) => e.path.endsWith('/event-batches') && e.status === 400).length;
    expect(refused).toBeLessThanOrEqual(Math.ceil(Math.log2(64)) + 1);
    // The limit is back to normal once the event is isolated.
    expect(kiosk.sync.limits().maxEvents).toBe(100);
  });

  it('an event the platform rejects is acknowledged and dead-lettered, the queue moves on', async () => {
    const good = kiosk.enqueue(3);
    const [bad] = kiosk.enqueue(1, 'fault', { simReject: true });
    const status = await kiosk.sync.syncNow();
    expect(status).toMatchObject({ pending: 0, deadLetters: 1 });
    expect(kiosk.sync.outbox.deadLetters()).toMatchObject([{ eventId: bad, source: 'platform', reason: 'payload refused by platform rules' }]);
    expect(platform.applied(kiosk.kioskId).filter((e) => e.status === 'accepted').map((e) => e.eventId).sort()).toEqual([...good].sort());
  });

  it('re-sends retained events after the platform is restored from an older backup', async () => {
    const ids = kiosk.enqueue(30);
    await kiosk.sync.syncNow();
    await platform.admin('/__admin/restore', { kioskId: kiosk.kioskId, keepThroughSeq: 10 });
    expect(platform.applied(kiosk.kioskId)).toHaveLength(10);
    const more = kiosk.enqueue(5);
    await kiosk.sync.syncNow();
    expectExactlyOnce([...ids, ...more]);
  });

  it('heartbeats are coalesced to one pending row carrying the outbox depth, and delivered', async () => {
    kiosk.enqueue(2);
    kiosk.sync.recordHeartbeat({ paper: 'low', catalogueVersion: 1 });
    kiosk.sync.recordHeartbeat({ paper: 'out', catalogueVersion: 1 });
    expect(kiosk.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE stream = 'heartbeat'").get()).toEqual({ n: 1 });
    await kiosk.sync.syncNow();
    const hb = platform.db.prepare("SELECT payload FROM events WHERE stream = 'heartbeat'").all() as { payload: string }[];
    expect(hb.map((h) => JSON.parse(h.payload) as unknown)).toEqual([{ paper: 'out', catalogueVersion: 1, outbox: { pending: 3, oldestPendingAgeMs: 0, deadLetters: 0, limit: { level: 'ok', pendingBytes: expect.any(Number) as number, shedEvents: 0, refusedEvents: 0 } } }]);
  });

  it('refreshes an expired access token and carries on', async () => {
    const ids = kiosk.enqueue(2);
    await kiosk.sync.syncNow();
    await platform.admin('/__admin/expire-tokens', {});
    const more = kiosk.enqueue(2);
    await kiosk.sync.syncNow();
    expectExactlyOnce([...ids, ...more]);
    const grants = platform.exchanges.filter((e) => e.path.endsWith('/token')).map((e) => (JSON.parse(e.requestBody.toString()) as { grantType: string }).grantType);
    expect(grants).toEqual(['kiosk_credential', 'refresh_token']);
  });
});
