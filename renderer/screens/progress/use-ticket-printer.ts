import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../contract/channels';
import { useSession } from '../../app/session-context';

export type SlipsOverview = ResponseOf<'slips.overview'>;

/**
 * The ticket printer and the hall as they are now: the kiosk asks the printer (DLE EOT) when a
 * screen that prints tickets opens, so paper low or out is said before the resident waits.
 * `refresh` asks again (after a ticket, or after staff refilled).
 */
export function useTicketPrinter(): { overview: SlipsOverview | null; failed: boolean; refresh: () => void } {
  const { kiosk } = useSession();
  const [overview, setOverview] = useState<SlipsOverview | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void kiosk.invoke('slips.overview', {}).then((r) => {
      if (!live) return;
      if (r.ok) setOverview(r.value);
      setFailed(!r.ok);
    });
    const off = kiosk.on('device.status', (d) => d.id === 'ticket-printer' && setAttempt((a) => a + 1));
    return () => {
      live = false;
      off();
    };
  }, [kiosk, attempt]);
  const refresh = useCallback(() => setAttempt((a) => a + 1), []);
  return { overview, failed, refresh };
}
