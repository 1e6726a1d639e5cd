import { useCallback, useEffect, useRef, useState } from 'react';

export type IdleOptions = {
  /** Off while the kiosk shows nothing of anybody (home, default settings): nothing to protect. */
  armed: boolean;
  /** Quiet time before the countdown: app.info idle.timeoutSeconds, or elderlyTimeoutSeconds. */
  timeoutMs: number;
  /** Length of the "Do you need more time?" countdown (app.info idle.countdownSeconds). */
  countdownSeconds: number;
  onExpire: () => void;
};

/** What counts as "someone is here". Captured at the document so no screen can swallow it. */
const ACTIVITY = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const;

/**
 * Idle handling of KIOSK-UX.md: after `timeoutMs` without a touch, `secondsLeft` counts down from
 * `countdownSeconds`; at zero `onExpire` runs (the wipe). During the countdown touches elsewhere
 * do nothing: only `stillHere()` (the overlay's own tap) ends it, so the waking tap can never
 * press what lies under the overlay. Timings come from app.info and run on the page's own timers,
 * so tests drive them with fake clocks (vitest fake timers, Playwright's page.clock) rather than
 * through any hook in the app.
 */
export function useIdle({ armed, timeoutMs, countdownSeconds, onExpire }: IdleOptions): {
  secondsLeft: number | null;
  stillHere: () => void;
} {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const expire = useRef(onExpire);
  expire.current = onExpire;

  useEffect(() => {
    if (!armed) {
      setSecondsLeft(null);
      return;
    }
    if (secondsLeft !== null) return;
    let timer = setTimeout(() => setSecondsLeft(countdownSeconds), timeoutMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setSecondsLeft(countdownSeconds), timeoutMs);
    };
    for (const type of ACTIVITY) document.addEventListener(type, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) document.removeEventListener(type, restart, { capture: true });
    };
  }, [armed, secondsLeft, timeoutMs, countdownSeconds]);

  useEffect(() => {
    if (secondsLeft === null) return;
    if (secondsLeft <= 0) {
      expire.current();
      return;
    }
    const tick = setTimeout(() => setSecondsLeft(secondsLeft - 1), 1_000);
    return () => clearTimeout(tick);
  }, [secondsLeft]);

  const stillHere = useCallback(() => setSecondsLeft(null), []);
  return { secondsLeft, stillHere };
}
