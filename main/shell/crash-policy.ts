// A kiosk runs for weeks without staff. A dead renderer or GPU process must not leave a white
// screen (KIOSK-UX.md complaint 6): the page is reloaded. If crashes keep coming, something is
// wrong below the page (GPU driver, memory), and a fresh process tree is the better bet: the app
// relaunches itself. Pure logic with an injected clock; crash-recovery.ts wires it to Electron.

export type CrashKind = 'renderer-gone' | 'renderer-unresponsive' | 'gpu-gone';
export type CrashAction = 'reload' | 'relaunch';

export type CrashPolicyOptions = {
  /** Milliseconds since some fixed point; tests pass a fake. */
  now: () => number;
  /** Crashes within `windowMs` that trigger a relaunch (default 3). */
  limit?: number;
  /** Sliding window (default ten minutes). */
  windowMs?: number;
};

export const CRASH_LIMIT = 3;
export const CRASH_WINDOW_MS = 10 * 60 * 1000;

export class CrashPolicy {
  private readonly now: () => number;
  private readonly limit: number;
  private readonly windowMs: number;
  private times: number[] = [];

  constructor(options: CrashPolicyOptions) {
    this.now = options.now;
    this.limit = options.limit ?? CRASH_LIMIT;
    this.windowMs = options.windowMs ?? CRASH_WINDOW_MS;
  }

  /** Records one crash and says what to do about it. */
  record(_kind: CrashKind): CrashAction {
    const now = this.now();
    this.times = this.times.filter((t) => now - t < this.windowMs);
    this.times.push(now);
    if (this.times.length >= this.limit) {
      this.times = [];
      return 'relaunch';
    }
    return 'reload';
  }

  /** Crashes still inside the window (for status and logs). */
  recent(): number {
    const now = this.now();
    return this.times.filter((t) => now - t < this.windowMs).length;
  }
}
