// Full-jitter exponential backoff (SYNC.md §5): delay = random(0, min(cap, base·2^n)), never shorter
// than the platform's Retry-After. Pure, so the schedule is tested without waiting.

export type Random = () => number;

export type BackoffPolicy = { baseMs: number; capMs: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 300_000 };

export function backoffDelay(failures: number, random: Random, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterMs: number | null = null): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Timers, injected so tests drive them by hand. */
export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
