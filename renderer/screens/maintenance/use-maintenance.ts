import { useCallback, useEffect, useRef } from 'react';
import type { ChannelName, RequestOf, ResponseOf } from '../../../contract/channels';
import type { Result } from '../../../contract/errors';
import { useSession } from '../../app/session-context';

/** KIOSK-UX: maintenance mode ends by itself after five minutes without a touch. */
export const MAINTENANCE_IDLE_MS = 5 * 60_000;

const ACTIVITY = ['pointerdown', 'touchstart', 'keydown'] as const;

/**
 * A maintenance.* call with the screen's token. A FORBIDDEN answer means main ended the session
 * (five idle minutes, or another sign-in): the screen leaves maintenance mode at once.
 */
export function useMaintenanceCall() {
  const { kiosk, wipe } = useSession();
  return useCallback(
    async <C extends ChannelName>(channel: C, input: RequestOf<C>): Promise<Result<ResponseOf<C>>> => {
      const result = await kiosk.invoke(channel, input);
      if (!result.ok && result.error.code === 'FORBIDDEN') wipe('idle');
      return result;
    },
    [kiosk, wipe],
  );
}

/** Leaves maintenance mode: signs out at main (best effort) and wipes the screen. */
export function useLeaveMaintenance(token: string) {
  const { kiosk, wipe } = useSession();
  return useCallback(
    (reason: 'finished' | 'idle') => {
      void kiosk.invoke('maintenance.signOut', { token });
      wipe(reason);
    },
    [kiosk, token, wipe],
  );
}

/**
 * Every maintenance screen: five minutes without a touch signs out and wipes. Runs on the page's
 * own timers (tests drive them with fake clocks).
 */
export function useMaintenanceIdle(token: string): void {
  const leave = useLeaveMaintenance(token);
  const leaveRef = useRef(leave);
  leaveRef.current = leave;
  useEffect(() => {
    let timer = setTimeout(() => leaveRef.current('idle'), MAINTENANCE_IDLE_MS);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => leaveRef.current('idle'), MAINTENANCE_IDLE_MS);
    };
    for (const type of ACTIVITY) document.addEventListener(type, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) document.removeEventListener(type, restart, { capture: true });
    };
  }, []);
}

/** The technician asked for a fresh UI: main answers with this event; the page reloads itself. */
export function useReloadOnRequest(): void {
  const { kiosk } = useSession();
  useEffect(
    () =>
      kiosk.on('ui.reload', ({ fragment }) => {
        // The browser shell's page dropped its secret from the address at start; put it back.
        if (fragment) window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}#${fragment}`);
        window.location.reload();
      }),
    [kiosk],
  );
}
