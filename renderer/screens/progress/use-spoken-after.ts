import { useEffect } from 'react';
import { useSession } from '../../app/session-context';

/**
 * Speaks `text` after whatever is being said (the screen's prompt, which ScreenFrame speaks first),
 * instead of cutting it off: the status of a case, a printer's paper, the offline explanation.
 */
export function useSpokenAfter(text: string): void {
  const { say } = useSession();
  useEffect(() => {
    say(text, 'queue');
  }, [say, text]);
}
