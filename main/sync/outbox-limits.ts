// How big the outbox may grow during an outage (SYNC.md §5 watchdog, DESIGN.md §8 "no unbounded
// growth"). Pending rows are never deleted (a hole in `seq` would stall the platform's contiguous
// `ackedThroughSeq` for ever), so the cap works at the door:
//
//   below `shedAt` × cap  everything is written;
//   from `shedAt` × cap   new usage events are shed (counted, not written): the headroom left is
//                         reserved for what must never be lost;
//   at the cap            faults, print audits, e-mail requests and update reports are refused: the
//                         caller's transaction fails, so the print or the e-mail does not happen
//                         without its record ("refuse with an alarm").
//
// The single coalesced heartbeat is always written: it is bounded (one row) and, once the network is
// back, it is how the platform learns about the episode first.

export type OutboxLimits = {
  /** Pending rows at which priority-0 events are refused. */
  maxRows: number;
  /** Pending bytes (payload + envelope estimate) at which priority-0 events are refused. */
  maxBytes: number;
  /** Fraction of both caps from which low-priority (usage) events are shed. */
  shedAt: number;
};

/**
 * 200,000 events / 64 MiB: a busy kiosk writes about 2,000 events a day, so this holds months of
 * outage, while the database stays small enough for `integrity_check` and a backup in seconds.
 */
export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { maxRows: 200_000, maxBytes: 64 * 1024 * 1024, shedAt: 0.8 };

export type PendingTotals = { rows: number; bytes: number };

export type LimitLevel = 'ok' | 'shedding' | 'full';

export const LEVEL_RANK: Record<LimitLevel, number> = { ok: 0, shedding: 1, full: 2 };

export function checkLimits(limits: OutboxLimits): OutboxLimits {
  if (!(limits.maxRows >= 1 && limits.maxBytes >= 1 && limits.shedAt > 0 && limits.shedAt <= 1)) {
    throw new Error(`invalid outbox limits ${JSON.stringify(limits)}`);
  }
  return limits;
}

/** Would one more event of `bytes` cross `fraction` of the caps? */
export function wouldExceed(totals: PendingTotals, bytes: number, limits: OutboxLimits, fraction: number): boolean {
  return totals.rows + 1 > Math.floor(limits.maxRows * fraction) || totals.bytes + bytes > Math.floor(limits.maxBytes * fraction);
}

/** The level shown to technicians: latched by what was shed or refused until the episode is closed. */
export function limitLevel(totals: PendingTotals, limits: OutboxLimits, counters: { shed: number; refused: number }): LimitLevel {
  if (counters.refused > 0 || totals.rows >= limits.maxRows || totals.bytes >= limits.maxBytes) return 'full';
  if (counters.shed > 0 || totals.rows >= Math.floor(limits.maxRows * limits.shedAt) || totals.bytes >= Math.floor(limits.maxBytes * limits.shedAt)) return 'shedding';
  return 'ok';
}

/** Hysteresis: an episode closes only once the backlog is down to half the shedding threshold. */
export function recovered(totals: PendingTotals, limits: OutboxLimits): boolean {
  return totals.rows <= Math.floor((limits.maxRows * limits.shedAt) / 2) && totals.bytes <= Math.floor((limits.maxBytes * limits.shedAt) / 2);
}

/**
 * The fleet's policy may come from the signed platform config (`values.outboxLimits`:
 * `{ maxRows, maxBytes, shedAt? }`), so the centre can tune it without a visit. Absent: null (defaults).
 * Malformed: throws, so the config update is refused at its semantic check.
 */
export function limitsFromPlatformConfig(values: Record<string, unknown> | undefined): OutboxLimits | null {
  const raw = values?.outboxLimits;
  if (raw === undefined) return null;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('outboxLimits must be an object');
  const { maxRows, maxBytes, shedAt = DEFAULT_OUTBOX_LIMITS.shedAt, ...extra } = raw as Record<string, unknown>;
  if (Object.keys(extra).length > 0) throw new Error(`outboxLimits has unknown fields ${Object.keys(extra).join(', ')}`);
  const int = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;
  // Lower bounds keep a typo from choking the kiosk: room for a day of events at least.
  if (!int(maxRows, 1_000) || !int(maxBytes, 1024 * 1024) || typeof shedAt !== 'number') {
    throw new Error('outboxLimits needs integer maxRows ≥ 1000 and maxBytes ≥ 1 MiB, and a numeric shedAt');
  }
  return checkLimits({ maxRows: maxRows as number, maxBytes: maxBytes as number, shedAt });
}
