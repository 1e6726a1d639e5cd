// The time source adapters use for polling and timeouts, injected so tests can drive it.

export type TimerHandle = unknown;

export type DeviceClock = {
  now(): Date;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
};

export const systemClock: DeviceClock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A sleep that a close() can cut short: `sleep(ms)` resolves after ms, or at once (with false)
 * when `cancel()` runs, so a device loop never leaves a timer behind.
 */
export class Sleeper {
  private readonly pending = new Map<TimerHandle, () => void>();
  private cancelled = false;

  constructor(private readonly clock: DeviceClock) {}

  sleep(ms: number): Promise<boolean> {
    if (this.cancelled) return Promise.resolve(false);
    return new Promise((resolve) => {
      const handle = this.clock.setTimeout(() => {
        this.pending.delete(handle);
        resolve(true);
      }, ms);
      this.pending.set(handle, () => resolve(false));
    });
  }

  cancel(): void {
    this.cancelled = true;
    for (const [handle, wake] of this.pending) {
      this.clock.clearTimeout(handle);
      wake();
    }
    this.pending.clear();
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }
}

/** Reopen backoff: 250 ms doubling up to a ceiling. */
export const backoffMs = (attempt: number, firstMs = 250, maxMs = 5000): number =>
  Math.min(maxMs, firstMs * 2 ** Math.min(attempt, 16));
