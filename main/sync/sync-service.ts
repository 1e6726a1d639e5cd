import type { SyncStatus } from '../../contract/channels';
import type { Db } from '../db/database';
import { createLogger, type Logger } from '../log/logger';
import type { Clock, IdSource } from '../util/clock';
import { realTimers, type Random, type Timers } from './backoff';
import { timeOrderedIds } from './event-ids';
import { Outbox } from './outbox';
import type { OutboxLimits } from './outbox-limits';
import { OutboxUploader, type AttemptOutcome, type UploaderOptions } from './outbox-uploader';
import type { PlatformClient } from './platform-client';

// The kiosk's sync as one service: the outbox other services write into, the uploader that drains it,
// and the status the renderer shows (offline banner, pending count) and technicians read.

export type SyncServiceOptions = {
  db: Db;
  client: Pick<PlatformClient, 'uploadEvents' | 'kioskId'>;
  clock: Clock;
  /** Event ids; default time-ordered UUIDv7 (event-ids.ts). */
  ids?: IdSource;
  /** Identifies this process run; stored with each event for forensics (with its monotonic time). */
  bootId: string;
  random?: Random;
  timers?: Timers;
  logger?: Logger;
  /** Published on every change; the composition root forwards it as the `sync.status` event. */
  onStatus?: (status: SyncStatus) => void;
  /**
   * Raised when an event is dead-lettered, the oldest pending event is older than `alarmAfterMs`, or
   * the outbox reaches a size limit (`outbox_limit`: shedding usage or refusing; also a `fault` event).
   */
  onAlarm?: (alarm: { kind: 'dead_letter' | 'backlog_age' | 'outbox_limit'; detail: string }) => void;
  alarmAfterMs?: number;
  /** Caps on the pending backlog (outbox-limits.ts; default DEFAULT_OUTBOX_LIMITS). */
  outboxLimits?: OutboxLimits;
} & Pick<UploaderOptions, 'maxBatchEvents' | 'maxBatchBytes' | 'backoff' | 'startupDelayMaxMs' | 'pollIntervalMs' | 'retentionMs'>;

export class SyncService {
  readonly outbox: Outbox;
  private readonly uploader: OutboxUploader;
  private readonly log: Logger;
  private online = false;
  /** Whether any upload attempt has finished since start (before it, `online` is a guess). */
  private probed = false;
  private lastSuccessAt: number | null = null;
  private published = '';
  private backlogAlarmed = false;
  private reviewQueued = false;

  constructor(private readonly o: SyncServiceOptions) {
    this.log = o.logger ?? createLogger('sync');
    this.outbox = new Outbox(o.db, {
      clock: o.clock,
      ids: o.ids ?? timeOrderedIds(o.clock),
      bootId: o.bootId,
      ...(o.outboxLimits ? { limits: o.outboxLimits } : {}),
      // Shed or refused inside someone's transaction: alarm once it is over (a refusal rolls back).
      onLimit: () => this.scheduleReview(),
    });
    this.lastSuccessAt = this.outbox.state('last_success_at');
    this.uploader = new OutboxUploader({
      outbox: this.outbox,
      client: o.client,
      clock: o.clock,
      random: o.random ?? Math.random,
      timers: o.timers ?? realTimers,
      logger: this.log,
      ...pick(o, ['maxBatchEvents', 'maxBatchBytes', 'backoff', 'startupDelayMaxMs', 'pollIntervalMs', 'retentionMs']),
      onAttempt: (outcome) => this.onAttempt(outcome),
      onDeadLetter: (seq, reason) => o.onAlarm?.({ kind: 'dead_letter', detail: `event seq ${seq}: ${reason}` }),
    });
  }

  start(): void {
    this.uploader.start();
    this.reviewCapacity();
    this.publish();
  }

  async stop(): Promise<void> {
    await this.uploader.stop();
  }

  /** Call after committing a transaction that enqueued events: they go out soon. */
  nudge(): void {
    this.uploader.nudge();
    this.reviewCapacity();
    this.publish();
  }

  /** The network is back (the simulator panel or the OS said so). */
  reconnected(): void {
    this.uploader.reconnected();
  }

  /**
   * The periodic heartbeat (device statuses, paper, versions …) with the outbox depth and the age of
   * the oldest pending event added. Coalesced: at most one heartbeat waits in the outbox.
   */
  recordHeartbeat(snapshot: Record<string, unknown>): void {
    const status = this.status();
    this.outbox.enqueue({
      stream: 'heartbeat',
      type: 'kiosk.heartbeat',
      payload: { ...snapshot, outbox: { pending: status.pending, oldestPendingAgeMs: status.oldestPendingAgeMs, deadLetters: status.deadLetters, limit: status.outboxLimit ?? null } },
    });
    this.nudge();
  }

  /** `kioskctl sync now`: drain immediately, ignoring backoff. */
  async syncNow(): Promise<SyncStatus> {
    await this.uploader.syncNow();
    return this.status();
  }

  status(): SyncStatus {
    const s = this.outbox.stats();
    const c = this.outbox.capacity();
    return {
      online: this.online,
      probed: this.probed,
      pending: s.pending,
      oldestPendingAgeMs: s.oldestPendingAt === null ? null : Math.max(0, this.o.clock.now() - s.oldestPendingAt),
      lastSuccessAt: this.lastSuccessAt === null ? null : new Date(this.lastSuccessAt).toISOString(),
      deadLetters: s.deadLetters,
      outboxLimit: { level: c.level, pendingBytes: c.pendingBytes, shedEvents: c.shedEvents, refusedEvents: c.refusedEvents },
    };
  }

  /** A new cap policy (platform config): applies at once; the level is reviewed against it. */
  setOutboxLimits(limits: OutboxLimits): void {
    this.outbox.setLimits(limits);
    this.reviewCapacity();
    this.publish();
  }

  /** Records a size-limit alarm (a `fault` event) or closes the episode; see Outbox.reviewCapacity. */
  reviewCapacity(): void {
    let change: ReturnType<Outbox['reviewCapacity']>;
    try {
      change = this.outbox.reviewCapacity();
    } catch (error) {
      // The alarm event could not be written (the disk itself is full?): the status still shows it.
      this.log.error({ err: error }, 'outbox limit alarm not recorded');
      return;
    }
    if (!change) return;
    const c = change.capacity;
    const detail = `outbox ${change.kind === 'raised' ? `at level ${c.level}` : 'back under its limits'}: ${c.pendingRows} events / ${c.pendingBytes} bytes pending, ${c.shedEvents} usage events shed, ${c.refusedEvents} refused`;
    if (change.kind === 'raised') this.o.onAlarm?.({ kind: 'outbox_limit', detail });
    else this.log.info({ shed: c.shedEvents, refused: c.refusedEvents }, detail);
    this.uploader.nudge();
    this.publish();
  }

  private scheduleReview(): void {
    if (this.reviewQueued) return;
    this.reviewQueued = true;
    // A microtask runs after the synchronous better-sqlite3 transaction that shed or refused.
    queueMicrotask(() => {
      this.reviewQueued = false;
      if (this.o.db.inTransaction) this.scheduleReviewLater();
      else this.reviewCapacity();
    });
  }

  private scheduleReviewLater(): void {
    (this.o.timers ?? realTimers).setTimeout(() => this.scheduleReview(), 0);
  }

  /** Batch limits in force (halved after 413 / repeated 5xx, grown back after successes). */
  limits(): { maxEvents: number; maxBytes: number } {
    return this.uploader.limits();
  }

  private onAttempt(outcome: AttemptOutcome): void {
    this.probed = true;
    if (outcome.kind === 'sent') {
      this.online = true;
      this.lastSuccessAt = this.o.clock.now();
      const skew = outcome.serverTime - this.o.clock.now();
      if (Math.abs(skew) > 5 * 60_000) this.log.warn({ skewMs: skew }, 'device clock differs from the platform by more than 5 minutes');
    } else if (outcome.kind === 'failed') {
      // Unreachable, busy or refusing our credential: offline for the resident. A garbled reply
      // leaves the flag as it was (the platform answered).
      if (outcome.error.code === 'PLATFORM_UNREACHABLE' || outcome.error.code === 'FORBIDDEN') this.online = false;
      this.log.info({ code: outcome.error.code, detail: outcome.error.detail, retryInMs: outcome.retryInMs }, 'upload failed; backing off');
    } else if (outcome.kind === 'refused') {
      this.online = true;
    }
    this.reviewCapacity();
    const status = this.status();
    this.checkBacklog(status.oldestPendingAgeMs);
    this.publish(status);
  }

  private checkBacklog(age: number | null): void {
    const limit = this.o.alarmAfterMs ?? 3_600_000;
    if (age !== null && age > limit && this.online && !this.backlogAlarmed) {
      this.backlogAlarmed = true;
      this.o.onAlarm?.({ kind: 'backlog_age', detail: `oldest pending event is ${Math.round(age / 1000)} s old while online` });
    }
    if (age === null || age <= limit) this.backlogAlarmed = false;
  }

  private publish(status = this.status()): void {
    const json = JSON.stringify(status);
    if (json === this.published) return;
    this.published = json;
    this.o.onStatus?.(status);
  }
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
