import { useEffect, useState } from 'react';
import { useSession } from '../../app/session-context';

/**
 * Whether the platform can be asked now: null until the kiosk says, then kept current from the
 * sync status (every change asks the kiosk again, which knows a cut network at once).
 */
export function useAvailability(): boolean | null {
  const { kiosk } = useSession();
  const [online, setOnline] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    const ask = () =>
      void kiosk.invoke('progress.availability', {}).then((r) => {
        if (live && r.ok) setOnline(r.value.online);
      });
    ask();
    const off = kiosk.on('sync.status', ask);
    return () => {
      live = false;
      off();
    };
  }, [kiosk]);
  return online;
}
