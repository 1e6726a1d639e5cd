import type { Statement } from 'better-sqlite3';
import { KioskError } from '../../contract/errors';
import type { Db } from '../db/database';
import type { Clock, IdSource } from '../util/clock';
import { checkLimits, DEFAULT_OUTBOX_LIMITS, LEVEL_RANK, limitLevel, recovered, wouldExceed, type LimitLevel, type OutboxLimits, type PendingTotals } from './outbox-limits';

// The transactional outbox (SYNC.md §5). A service writes its business row and the event describing
// it in ONE transaction, so the event exists exactly when the thing it reports happened:
//
//   db.transaction(() => { insertPrintJob(db, job); outbox.enqueueIn(db, { stream: 'print_audit', … }); })();
//
// Only after that commit may the UI say "done".

export const STREAMS = ['fault', 'print_audit', 'email_request', 'catalogue', 'usage', 'heartbeat'] as const;
export type Stream = (typeof STREAMS)[number];

/** Lower drains first. Heartbeats never delay anything and are coalesced to one pending row. */
export const STREAM_PRIORITY: Record<Stream, number> = {
  fault: 0,
  print_audit: 0,
  email_request: 0,
  catalogue: 0,
  usage: 1,
  heartbeat: 2,
};

export type NewEvent = {
  stream: Stream;
  type: string;
  /** Masked personal data only (DESIGN.md §5); serialised as JSON. */
  payload: Record<string, unknown>;
};

/** `shed`: a low-priority event dropped at the door because the outbox is near its cap (seq 0, no id). */
export type Enqueued = { seq: number; eventId: string; coalesced: boolean; shed: boolean };

/** The size-limit state (outbox-limits.ts) for status screens, heartbeats and kioskctl. */
export type OutboxCapacity = {
  level: LimitLevel;
  pendingRows: number;
  pendingBytes: number;
  limits: OutboxLimits;
  /** Usage events not written since the episode began. */
  shedEvents: number;
  /** Priority-0 events refused (their business transaction failed) since the episode began. */
  refusedEvents: number;
  since: number | null;
};

/** What `reviewCapacity` did: raised an alarm (with the fault event written) or closed the episode. */
export type CapacityChange = { kind: 'raised'; capacity: OutboxCapacity } | { kind: 'cleared'; capacity: OutboxCapacity } | null;


export type OutboxEvent = {
  seq: number;
  eventId: string;
  stream: Stream;
  type: string;
  /** The stored JSON text, sent as is. */
  payloadJson: string;
  bytes: number;
  occurredAt: number;
  bootId: string;
  monoMs: number;
  attempts: number;
};

export type EventSettlement = { seq: number; status: 'accepted' | 'duplicate' | 'rejected'; reason: string | null };

export type OutboxStats = {
  pending: number;
  oldestPendingAt: number | null;
  deadLetters: number;
};

export type DeadLetter = { seq: number; eventId: string; source: 'platform' | 'local'; reason: string; at: number };

type DbOutboxRow = {
  seq: number;
  event_id: string;
  stream: Stream;
  type: string;
  payload: string;
  bytes: number;
  occurred_at: number;
  boot_id: string;
  mono_ms: number;
  attempts: number;
};

const TYPE = /^[a-z][a-z0-9_.-]{1,63}$/;
/** Envelope overhead per event in a batch body (ids, stream, times): used to bound batch bytes. */
export const EVENT_OVERHEAD_BYTES = 220;

export class Outbox {
  private readonly statements = new Map<string, Statement>();
  private currentLimits: OutboxLimits;
  /** Refusals roll back with the caller's transaction, so they are counted here until reviewed. */
  private refusedUnrecorded = 0;

  constructor(
    private readonly db: Db,
    private readonly deps: {
      clock: Clock;
      ids: IdSource;
      bootId: string;
      limits?: OutboxLimits;
      /** Called (synchronously, maybe inside the caller's transaction) when an event is shed or refused. */
      onLimit?: () => void;
    },
  ) {
    this.currentLimits = checkLimits(deps.limits ?? DEFAULT_OUTBOX_LIMITS);
  }

  get limits(): OutboxLimits {
    return this.currentLimits;
  }

  /** A new policy (from a platform config update) applies to the next enqueue. */
  setLimits(limits: OutboxLimits): void {
    this.currentLimits = checkLimits(limits);
  }

  /** Prepared once per connection: compiling SQL on every enqueue would cost more than the insert. */
  private sql(text: string): Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  /**
   * Adds an event inside the caller's open transaction on `db` (the same connection as the business
   * row). Throws when no transaction is open: an event written on its own could survive without the
   * row it describes, or the row without its event.
   */
  enqueueIn(db: Db, event: NewEvent): Enqueued {
    if (!db.inTransaction) throw new Error('outbox.enqueueIn must run inside db.transaction(...)');
    if (db !== this.db) throw new Error('outbox.enqueueIn must use the connection the outbox was opened on');
    if (!(STREAMS as readonly string[]).includes(event.stream)) throw new Error(`unknown outbox stream ${event.stream}`);
    if (!TYPE.test(event.type)) throw new Error(`invalid event type ${event.type}`);
    const payload = JSON.stringify(event.payload);
    const bytes = Buffer.byteLength(payload) + EVENT_OVERHEAD_BYTES;
    const now = this.deps.clock.now();
    const mono = this.deps.clock.monotonic();
    if (event.stream === 'heartbeat') {
      // Coalesce: refresh the one pending heartbeat that was never sent. One that was already sent
      // (its ack may be lost) keeps its content, so a resend is byte-identical; the next heartbeat
      // after its delivery carries fresh numbers.
      const pending = this.sql("SELECT seq, event_id, attempts FROM outbox WHERE stream = 'heartbeat' AND state = 'pending' ORDER BY seq LIMIT 1").get() as
        | { seq: number; event_id: string; attempts: number }
        | undefined;
      if (pending) {
        if (pending.attempts === 0) {
          this.sql('UPDATE outbox SET type = ?, payload = ?, bytes = ?, occurred_at = ?, boot_id = ?, mono_ms = ? WHERE seq = ?').run(
            event.type,
            payload,
            bytes,
            now,
            this.deps.bootId,
            mono,
            pending.seq,
          );
        }
        return { seq: pending.seq, eventId: pending.event_id, coalesced: true, shed: false };
      }
      // A first heartbeat is written whatever the level: one row, and the platform's first news.
    } else {
      const totals = this.totals();
      if (STREAM_PRIORITY[event.stream] > 0 && wouldExceed(totals, bytes, this.limits, this.limits.shedAt)) {
        // Counted in the caller's transaction: if it rolls back, nothing was shed either.
        this.bumpState('outbox_shed_events', 1);
        this.sql("INSERT INTO sync_state (key, value) VALUES ('outbox_limit_since', ?) ON CONFLICT (key) DO NOTHING").run(now);
        this.deps.onLimit?.();
        return { seq: 0, eventId: '', coalesced: false, shed: true };
      }
      if (wouldExceed(totals, bytes, this.limits, 1)) {
        this.refusedUnrecorded++;
        this.deps.onLimit?.();
        throw new KioskError('MAINTENANCE_REQUIRED', `the outbox is full (${totals.rows} events, ${totals.bytes} bytes pending): ${event.stream} refused`, {
          cause: 'outbox_full',
          pendingRows: totals.rows,
          pendingBytes: totals.bytes,
        });
      }
    }
    const eventId = this.deps.ids.uuid();
    const info = this.sql(
      'INSERT INTO outbox (event_id, stream, priority, type, payload, bytes, occurred_at, boot_id, mono_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(eventId, event.stream, STREAM_PRIORITY[event.stream], event.type, payload, bytes, now, this.deps.bootId, mono);
    return { seq: Number(info.lastInsertRowid), eventId, coalesced: false, shed: false };
  }

  /** Pending rows and bytes, kept by triggers (migration 006): O(1) on every enqueue. */
  totals(): PendingTotals {
    const row = this.sql('SELECT pending_rows AS rows, pending_bytes AS bytes FROM outbox_totals WHERE id = 1').get() as PendingTotals | undefined;
    return row ?? { rows: 0, bytes: 0 };
  }

  capacity(): OutboxCapacity {
    const totals = this.totals();
    const shedEvents = this.state('outbox_shed_events') ?? 0;
    const refusedEvents = (this.state('outbox_refused_events') ?? 0) + this.refusedUnrecorded;
    return {
      level: limitLevel(totals, this.limits, { shed: shedEvents, refused: refusedEvents }),
      pendingRows: totals.rows,
      pendingBytes: totals.bytes,
      limits: this.limits,
      shedEvents,
      refusedEvents,
      since: this.state('outbox_limit_since'),
    };
  }

  /**
   * Turns the level into durable alarms, outside any caller's transaction: a `fault` event
   * `outbox.limit_reached` each time the level rises, and `outbox.limit_cleared` (with what was shed
   * and refused) once the backlog has drained to half the shedding threshold. These two bypass the
   * cap: at most two per level per episode. Cheap when nothing changed (three indexed reads).
   */
  reviewCapacity(): CapacityChange {
    if (this.db.inTransaction) return null;
    const before = this.capacity();
    const alarmed = this.state('outbox_alarm_level') ?? 0;
    const rank = LEVEL_RANK[before.level];
    const closing = alarmed > 0 && recovered({ rows: before.pendingRows, bytes: before.pendingBytes }, this.limits);
    if (rank <= alarmed && !closing) return null;
    return this.db.transaction((): CapacityChange => {
      const now = this.deps.clock.now();
      if (this.refusedUnrecorded > 0) {
        this.bumpState('outbox_refused_events', this.refusedUnrecorded);
        this.sql("INSERT INTO sync_state (key, value) VALUES ('outbox_limit_since', ?) ON CONFLICT (key) DO NOTHING").run(now);
        this.refusedUnrecorded = 0;
      }
      const capacity = this.capacity();
      const payload = {
        level: capacity.level,
        pendingRows: capacity.pendingRows,
        pendingBytes: capacity.pendingBytes,
        maxRows: this.limits.maxRows,
        maxBytes: this.limits.maxBytes,
        shedEvents: capacity.shedEvents,
        refusedEvents: capacity.refusedEvents,
        since: capacity.since,
      };
      if (closing) {
        this.insertUnchecked('fault', 'outbox.limit_cleared', payload);
        for (const key of ['outbox_shed_events', 'outbox_refused_events', 'outbox_limit_since', 'outbox_alarm_level']) this.sql('DELETE FROM sync_state WHERE key = ?').run(key);
        return { kind: 'cleared', capacity };
      }
      this.insertUnchecked('fault', 'outbox.limit_reached', payload);
      this.setState('outbox_alarm_level', LEVEL_RANK[capacity.level]);
      return { kind: 'raised', capacity };
    })();
  }

  /** The alarm events themselves: written past the cap (bounded by level changes). */
  private insertUnchecked(stream: Stream, type: string, payload: Record<string, unknown>): void {
    const json = JSON.stringify(payload);
    this.sql('INSERT INTO outbox (event_id, stream, priority, type, payload, bytes, occurred_at, boot_id, mono_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      this.deps.ids.uuid(),
      stream,
      STREAM_PRIORITY[stream],
      type,
      json,
      Buffer.byteLength(json) + EVENT_OVERHEAD_BYTES,
      this.deps.clock.now(),
      this.deps.bootId,
      this.deps.clock.monotonic(),
    );
  }

  /** For callers with no business row of their own (faults, heartbeats): its own transaction. */
  enqueue(event: NewEvent): Enqueued {
    return this.db.transaction(() => this.enqueueIn(this.db, event))();
  }

  /** The next events to send: by priority then seq, at most `maxEvents`, within `maxBytes` (at least one). */
  nextBatch(maxEvents: number, maxBytes: number): OutboxEvent[] {
    const rows = this.sql(
      "SELECT seq, event_id, stream, type, payload, bytes, occurred_at, boot_id, mono_ms, attempts FROM outbox WHERE state = 'pending' ORDER BY priority, seq LIMIT ?",
    ).all(Math.max(1, maxEvents)) as DbOutboxRow[];
    const batch: OutboxEvent[] = [];
    let total = 0;
    for (const r of rows) {
      if (batch.length > 0 && total + r.bytes > maxBytes) break;
      total += r.bytes;
      batch.push({
        seq: r.seq,
        eventId: r.event_id,
        stream: r.stream,
        type: r.type,
        payloadJson: r.payload,
        bytes: r.bytes,
        occurredAt: r.occurred_at,
        bootId: r.boot_id,
        monoMs: r.mono_ms,
        attempts: r.attempts,
      });
    }
    return batch;
  }

  /**
   * Marks events as possibly delivered before their request leaves. Only heartbeats need it durably
   * (a heartbeat that may have reached the platform must not be rewritten), so other rows count
   * their attempts when the outcome is known and the common case costs no extra commit.
   */
  markSending(events: readonly { seq: number; stream: Stream }[]): void {
    const heartbeats = events.filter((e) => e.stream === 'heartbeat');
    if (heartbeats.length === 0) return;
    const stmt = this.sql('UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?');
    this.db.transaction(() => {
      for (const e of heartbeats) stmt.run(e.seq);
    })();
  }

  /** Tests and tools: count an attempt on these rows. */
  markAttempt(seqs: readonly number[]): void {
    const stmt = this.sql('UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?');
    this.db.transaction(() => {
      for (const seq of seqs) stmt.run(seq);
    })();
  }

  recordError(seqs: readonly number[], error: string): void {
    const stmt = this.sql("UPDATE outbox SET last_error = ?, attempts = attempts + (stream != 'heartbeat') WHERE seq = ? AND state = 'pending'");
    this.db.transaction(() => {
      for (const seq of seqs) stmt.run(error, seq);
    })();
  }

  /**
   * Applies the platform's per-event results in one transaction. Rejected events were stored by the
   * platform (so they are acknowledged) and also become dead letters for a technician to look at.
   * Returns how many rows changed state.
   */
  settle(settlements: readonly EventSettlement[], serverTime: number | null): { acked: number; rejected: number } {
    const now = this.deps.clock.now();
    const ack = this.sql("UPDATE outbox SET state = 'acked', acked_at = ?, last_error = ?, attempts = attempts + (stream != 'heartbeat') WHERE seq = ? AND state = 'pending'");
    const dead = this.sql("INSERT OR IGNORE INTO outbox_dead_letters (seq, event_id, source, reason, at) SELECT seq, event_id, 'platform', ?, ? FROM outbox WHERE seq = ?");
    return this.db.transaction(() => {
      let acked = 0;
      let rejected = 0;
      for (const s of settlements) {
        const changed = ack.run(now, s.status === 'rejected' ? `rejected: ${s.reason ?? ''}` : null, s.seq).changes;
        acked += changed;
        if (changed && s.status === 'rejected') {
          dead.run(s.reason ?? 'rejected', now, s.seq);
          rejected++;
        }
      }
      if (serverTime !== null) this.raiseState('max_server_time_seen', serverTime);
      if (acked > 0) this.setState('last_success_at', now);
      return { acked, rejected };
    })();
  }

  /** An event the platform refuses even on its own: set aside so the queue moves on. */
  deadLetterLocally(seq: number, reason: string): void {
    const now = this.deps.clock.now();
    this.db.transaction(() => {
      this.sql("UPDATE outbox SET state = 'dead', last_error = ? WHERE seq = ? AND state = 'pending'").run(reason, seq);
      this.sql("INSERT OR IGNORE INTO outbox_dead_letters (seq, event_id, source, reason, at) SELECT seq, event_id, 'local', ?, ? FROM outbox WHERE seq = ?").run(reason, now, seq);
    })();
  }

  deadLetters(): DeadLetter[] {
    return (
      this.sql('SELECT seq, event_id, source, reason, at FROM outbox_dead_letters WHERE cleared_at IS NULL ORDER BY seq').all() as {
        seq: number;
        event_id: string;
        source: 'platform' | 'local';
        reason: string;
        at: number;
      }[]
    ).map((r) => ({ seq: r.seq, eventId: r.event_id, source: r.source, reason: r.reason, at: r.at }));
  }

  /** A technician has seen them (maintenance screen / kioskctl): the alarm stops. */
  clearDeadLetters(): number {
    return this.sql('UPDATE outbox_dead_letters SET cleared_at = ? WHERE cleared_at IS NULL').run(this.deps.clock.now()).changes;
  }

  /** Cheap enough to call after every request: each query walks a partial index of pending rows. */
  stats(): OutboxStats {
    const p = this.sql("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number };
    // seq order is commit order, so the first pending row is the oldest one.
    const oldest = this.sql("SELECT occurred_at FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1").get() as { occurred_at: number } | undefined;
    const d = this.sql('SELECT COUNT(*) AS n FROM outbox_dead_letters WHERE cleared_at IS NULL').get() as { n: number };
    return { pending: p.n, oldestPendingAt: oldest?.occurred_at ?? null, deadLetters: d.n };
  }

  /** Rows kept after acknowledgement (for re-sending after a platform restore) and pending bytes. */
  retention(): { acked: number; pendingBytes: number } {
    const a = this.sql("SELECT COUNT(*) AS n FROM outbox WHERE state = 'acked'").get() as { n: number };
    const b = this.sql("SELECT COALESCE(SUM(bytes), 0) AS b FROM outbox WHERE state = 'pending'").get() as { b: number };
    return { acked: a.n, pendingBytes: b.b };
  }

  /**
   * Highest seq such that every event up to it is acknowledged: what the platform's
   * `ackedThroughSeq` must be at least, unless the platform lost data.
   */
  contiguousAckedThrough(): number {
    const pending = this.sql("SELECT MIN(seq) AS s FROM outbox WHERE state = 'pending'").get() as { s: number | null };
    const dead = this.sql("SELECT MIN(seq) AS s FROM outbox WHERE state = 'dead'").get() as { s: number | null };
    const firstOpen = Math.min(pending.s ?? Infinity, dead.s ?? Infinity);
    if (firstOpen !== Infinity) return firstOpen - 1;
    const top = this.sql("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number } | undefined;
    return top?.seq ?? 0;
  }

  /** After a platform restore: acknowledged rows above `seq` that are still retained go out again. */
  requeueAckedAbove(seq: number): number {
    return this.sql("UPDATE outbox SET state = 'pending', acked_at = NULL WHERE state = 'acked' AND seq > ?").run(seq).changes;
  }

  /** Deletes acknowledged rows older than the retention period. */
  purgeAcked(retentionMs: number): number {
    return this.sql("DELETE FROM outbox WHERE state = 'acked' AND acked_at < ?").run(this.deps.clock.now() - retentionMs).changes;
  }

  state(key: string): number | null {
    const row = this.sql('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: number } | undefined;
    return row?.value ?? null;
  }

  private setState(key: string, value: number): void {
    this.sql('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  private bumpState(key: string, by: number): void {
    this.sql('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = value + excluded.value').run(key, by);
  }

  private raiseState(key: string, value: number): void {
    this.sql('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value)').run(key, value);
  }
}
