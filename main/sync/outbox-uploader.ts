import { createHash } from 'node:crypto';
import { KioskError } from '../../contract/errors';
import type { Logger } from '../log/logger';
import type { Clock } from '../util/clock';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy, type Random, type Timers } from './backoff';
import type { Outbox, OutboxEvent } from './outbox';
import { failureInfo, type PlatformClient } from './platform-client';
import type { EventBatch, EventBatchResult } from './platform-types';

// Drains the outbox to the platform (SYNC.md §5): one request in flight, batches bounded by count and
// bytes, halving on 413 or repeated 5xx/timeouts, full-jitter backoff honouring Retry-After, a random
// delay before the first attempt, a timer that runs it even when nothing new is written, bisection of
// a refused batch down to the one event at fault (set aside as a dead letter), and re-sending of
// retained rows when the platform reports less than it had acknowledged (a restored platform).

export type UploaderOptions = {
  outbox: Outbox;
  client: Pick<PlatformClient, 'uploadEvents' | 'kioskId'>;
  clock: Clock;
  random: Random;
  timers: Timers;
  logger: Logger;
  maxBatchEvents?: number;
  maxBatchBytes?: number;
  backoff?: BackoffPolicy;
  /** Upper bound of the random wait before the first attempt after start or reconnect. */
  startupDelayMaxMs?: number;
  /** The watchdog: a drain runs at least this often. */
  pollIntervalMs?: number;
  /** Acknowledged rows are kept this long for re-sending after a platform restore. */
  retentionMs?: number;
  /** Called after every attempt (status may have changed). */
  onAttempt?: (outcome: AttemptOutcome) => void;
  onDeadLetter?: (seq: number, reason: string) => void;
};

export type AttemptOutcome =
  | { kind: 'idle' }
  | { kind: 'sent'; acked: number; rejected: number; requeued: number; serverTime: number }
  | { kind: 'refused'; deadLettered: number | null }
  | { kind: 'failed'; error: KioskError; retryInMs: number };

const MIN_BATCH_BYTES = 4 * 1024;
const GROW_AFTER_SUCCESSES = 3;

export class OutboxUploader {
  private readonly maxEvents: number;
  private readonly maxBytes: number;
  private limitEvents: number;
  private limitBytes: number;
  private failures = 0;
  private serverErrors = 0;
  private successes = 0;
  /** While bisecting a refused batch the limit must not grow back. */
  private bisecting = false;
  private timer: unknown = null;
  private inFlight: Promise<AttemptOutcome> | null = null;
  private running = false;
  private backingOffUntil = 0;
  private lastPurgeAt = 0;
  private lastRestoreWarning = -1;

  constructor(private readonly o: UploaderOptions) {
    this.maxEvents = o.maxBatchEvents ?? 100;
    this.maxBytes = o.maxBatchBytes ?? 256 * 1024;
    this.limitEvents = this.maxEvents;
    this.limitBytes = this.maxBytes;
  }

  /** Current batch limits (reported by status and tests). */
  limits(): { maxEvents: number; maxBytes: number } {
    return { maxEvents: this.limitEvents, maxBytes: this.limitBytes };
  }

  /** Begins after a random delay so a fleet that boots together does not call in together. */
  start(): void {
    this.running = true;
    this.schedule(Math.floor(this.o.random() * (this.o.startupDelayMaxMs ?? 30_000)));
  }

  /** Network came back: the same random delay as at boot. */
  reconnected(): void {
    if (!this.running) return;
    this.failures = 0;
    this.backingOffUntil = 0;
    this.schedule(Math.floor(this.o.random() * (this.o.startupDelayMaxMs ?? 30_000)));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    await this.inFlight?.catch(() => undefined);
  }

  /** A new event was committed: send soon unless backing off. */
  nudge(): void {
    if (!this.running || this.inFlight || this.o.clock.monotonic() < this.backingOffUntil) return;
    this.schedule(0);
  }

  /** Drain now, ignoring any backoff; resolves when the outbox is empty or an attempt fails. */
  async syncNow(): Promise<AttemptOutcome> {
    this.clearTimer();
    await this.inFlight?.catch(() => undefined);
    this.backingOffUntil = 0;
    const outcome = await this.drain();
    if (this.running) this.scheduleAfter(outcome);
    return outcome;
  }

  /** Sends batches until the outbox is empty or one fails. */
  async drain(): Promise<AttemptOutcome> {
    let last: AttemptOutcome = { kind: 'idle' };
    for (;;) {
      const outcome = await this.attempt();
      if (outcome.kind === 'idle') return last.kind === 'idle' ? outcome : last;
      last = outcome;
      if (outcome.kind === 'failed') return outcome;
      // A reply that acknowledged nothing (a stale or empty ack) must not spin: back off.
      if (outcome.kind === 'sent' && outcome.acked === 0 && outcome.requeued === 0) {
        return this.failed(new KioskError('PLATFORM_ERROR', 'the platform acknowledged none of the batch', { status: 200, cause: 'no_ack' }));
      }
    }
  }

  /** One request (or none when the outbox is empty). Never two at once. */
  attempt(): Promise<AttemptOutcome> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.attemptOnce().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async attemptOnce(): Promise<AttemptOutcome> {
    this.purgeNowAndThen();
    const events = this.o.outbox.nextBatch(this.limitEvents, this.limitBytes);
    if (events.length === 0) {
      const outcome: AttemptOutcome = { kind: 'idle' };
      this.o.onAttempt?.(outcome);
      return outcome;
    }
    const batch = this.toBatch(events);
    this.o.outbox.markSending(events);
    let reply: EventBatchResult;
    try {
      reply = await this.o.client.uploadEvents(batch);
    } catch (error) {
      return this.onFailure(events, error);
    }
    return this.onReply(events, reply);
  }

  private toBatch(events: readonly OutboxEvent[]): EventBatch {
    // The batch id is derived from its events, so a retry of the same events (even after a restart)
    // carries the same Idempotency-Key and the same body.
    const batchId = `b-${createHash('sha256')
      .update(`${this.o.client.kioskId}\n${events.map((e) => `${e.seq}:${e.eventId}`).join(',')}`)
      .digest('hex')
      .slice(0, 32)}`;
    return {
      protocol: 1,
      kioskId: this.o.client.kioskId,
      batchId,
      sentAt: this.o.clock.now(),
      events: events.map((e) => ({
        seq: e.seq,
        eventId: e.eventId,
        stream: e.stream,
        type: e.type,
        occurredAt: e.occurredAt,
        bootId: e.bootId,
        monoMs: e.monoMs,
        payload: JSON.parse(e.payloadJson) as Record<string, unknown>,
      })),
    };
  }

  private onReply(events: readonly OutboxEvent[], reply: EventBatchResult): AttemptOutcome {
    const inBatch = new Map(events.map((e) => [e.eventId, e.seq]));
    // Only results for events of this request count: a stale or confused ack can't settle others.
    const settlements = reply.results
      .filter((r) => inBatch.get(r.eventId) === r.seq)
      .map((r) => ({ seq: r.seq, status: r.status, reason: r.reason ?? null }));
    const { acked, rejected } = this.o.outbox.settle(settlements, reply.serverTime);
    for (const s of settlements) if (s.status === 'rejected') this.o.onDeadLetter?.(s.seq, s.reason ?? 'rejected');
    const requeued = this.checkRestore(reply.ackedThroughSeq);
    this.adoptServerLimits(reply.limits.maxBatchEvents, reply.limits.maxBatchBytes);
    this.failures = 0;
    this.serverErrors = 0;
    if (acked > 0 && !this.bisecting && ++this.successes >= GROW_AFTER_SUCCESSES) this.grow();
    const outcome: AttemptOutcome = { kind: 'sent', acked, rejected, requeued, serverTime: reply.serverTime };
    this.o.onAttempt?.(outcome);
    return outcome;
  }

  /** ackedThroughSeq below what we hold acknowledged: the platform lost events, send them again. */
  private checkRestore(serverAcked: number): number {
    const local = this.o.outbox.contiguousAckedThrough();
    if (serverAcked >= local) return 0;
    const requeued = this.o.outbox.requeueAckedAbove(serverAcked);
    if (requeued > 0 || this.lastRestoreWarning !== serverAcked) {
      this.o.logger.warn({ serverAcked, localAcked: local, requeued }, 'platform acknowledges less than before (restored?): re-sending retained events');
      this.lastRestoreWarning = serverAcked;
    }
    return requeued;
  }

  private onFailure(events: readonly OutboxEvent[], error: unknown): AttemptOutcome {
    const info = failureInfo(error);
    const kioskError = error instanceof KioskError ? error : new KioskError('PLATFORM_ERROR', String(error));
    this.o.outbox.recordError(events.map((e) => e.seq), `${kioskError.code}: ${kioskError.message}`.slice(0, 500));
    if (info.status === 413) {
      this.adoptServerLimits(info.limits.maxBatchEvents, info.limits.maxBatchBytes);
      if (events.length === 1) return this.isolate(events[0] as OutboxEvent, 'too large for the platform even alone');
      this.halve(events);
      const outcome: AttemptOutcome = { kind: 'refused', deadLettered: null };
      this.o.onAttempt?.(outcome);
      return outcome;
    }
    if (info.status === 400 || info.status === 422) {
      // The platform refused the batch as a whole: bisect until the one event at fault stands alone.
      if (events.length === 1) return this.isolate(events[0] as OutboxEvent, kioskError.message);
      this.bisecting = true;
      this.halve(events);
      const outcome: AttemptOutcome = { kind: 'refused', deadLettered: null };
      this.o.onAttempt?.(outcome);
      return outcome;
    }
    const serverSide = info.status !== null && info.status >= 500 && info.status !== 503;
    if (serverSide || info.cause === 'timeout') {
      // Repeated 5xx or timeouts often mean the batch itself is the problem (too slow to store).
      if (++this.serverErrors >= 2) this.halve(events);
    }
    return this.failed(kioskError, info.retryAfterMs);
  }

  private isolate(event: OutboxEvent, reason: string): AttemptOutcome {
    this.o.outbox.deadLetterLocally(event.seq, reason);
    this.o.logger.error({ seq: event.seq, eventId: event.eventId, type: event.type, reason }, 'event refused by the platform on its own: dead-lettered');
    this.o.onDeadLetter?.(event.seq, reason);
    this.bisecting = false;
    this.limitEvents = this.maxEvents;
    this.limitBytes = this.maxBytes;
    const outcome: AttemptOutcome = { kind: 'refused', deadLettered: event.seq };
    this.o.onAttempt?.(outcome);
    return outcome;
  }

  private failed(error: KioskError, retryAfterMs: number | null = null): AttemptOutcome {
    this.failures++;
    this.successes = 0;
    const retryInMs = backoffDelay(this.failures, this.o.random, this.o.backoff ?? DEFAULT_BACKOFF, retryAfterMs);
    this.backingOffUntil = this.o.clock.monotonic() + retryInMs;
    const outcome: AttemptOutcome = { kind: 'failed', error, retryInMs };
    this.o.onAttempt?.(outcome);
    return outcome;
  }

  private halve(events: readonly OutboxEvent[]): void {
    this.successes = 0;
    this.limitEvents = Math.max(1, Math.floor(events.length / 2));
    const bytes = events.reduce((n, e) => n + e.bytes, 0);
    this.limitBytes = Math.max(MIN_BATCH_BYTES, Math.min(this.limitBytes, Math.floor(bytes / 2)));
  }

  private grow(): void {
    this.successes = 0;
    this.limitEvents = Math.min(this.maxEvents, this.limitEvents * 2);
    this.limitBytes = Math.min(this.maxBytes, this.limitBytes * 2);
  }

  private adoptServerLimits(maxEvents: number | undefined, maxBytes: number | undefined): void {
    if (maxEvents !== undefined) this.limitEvents = Math.max(1, Math.min(this.limitEvents, maxEvents));
    // Leave room for the envelope: our per-event byte estimate already includes the event framing.
    if (maxBytes !== undefined) this.limitBytes = Math.max(1, Math.min(this.limitBytes, maxBytes - 512));
  }

  private purgeNowAndThen(): void {
    const now = this.o.clock.now();
    if (now - this.lastPurgeAt < 3_600_000) return;
    this.lastPurgeAt = now;
    const purged = this.o.outbox.purgeAcked(this.o.retentionMs ?? 14 * 86_400_000);
    if (purged > 0) this.o.logger.info({ purged }, 'purged acknowledged outbox rows past retention');
  }

  private scheduleAfter(outcome: AttemptOutcome): void {
    if (outcome.kind === 'failed') this.schedule(outcome.retryInMs);
    else this.schedule(this.o.pollIntervalMs ?? 30_000);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.clearTimer();
    this.timer = this.o.timers.setTimeout(() => {
      this.timer = null;
      void this.drain().then(
        (outcome) => this.scheduleAfter(outcome),
        (error: unknown) => {
          this.o.logger.error({ err: error }, 'outbox drain crashed');
          this.schedule(this.o.pollIntervalMs ?? 30_000);
        },
      );
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.o.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
