export type TapSequenceOptions = {
  /** How many taps make the gesture (five for the maintenance and simulator corners). */
  taps: number;
  /** All of them within this many milliseconds. */
  withinMs: number;
  now?: () => number;
};

/**
 * Counts taps on a hidden corner. `tap()` returns true on the tap that completes the sequence
 * and then starts counting afresh, so a sixth tap does not trigger twice.
 */
export function createTapSequence({ taps, withinMs, now = Date.now }: TapSequenceOptions): { tap(): boolean; reset(): void } {
  let times: number[] = [];
  return {
    tap() {
      const t = now();
      times = [...times.filter((x) => t - x <= withinMs), t];
      if (times.length < taps) return false;
      times = [];
      return true;
    },
    reset() {
      times = [];
    },
  };
}
