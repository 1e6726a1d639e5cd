import { useEffect, useState } from 'react';
import { useSession } from '../../app/session-context';

export type Identified = { status: 'checking' } | { status: 'no' } | { status: 'yes'; maskedName: string };

/** Whether a resident has identified in this visit (session.current; masked name only). */
export function useIdentified(): Identified {
  const { kiosk } = useSession();
  const [state, setState] = useState<Identified>({ status: 'checking' });
  useEffect(() => {
    let live = true;
    const ask = () =>
      void kiosk.invoke('session.current', {}).then((r) => {
        if (!live) return;
        setState(r.ok && r.value.identified ? { status: 'yes', maskedName: r.value.maskedName ?? '' } : { status: 'no' });
      });
    ask();
    const offIn = kiosk.on('card.inserted', ask);
    const offWiped = kiosk.on('session.wiped', ask);
    return () => {
      live = false;
      offIn();
      offWiped();
    };
  }, [kiosk]);
  return state;
}
