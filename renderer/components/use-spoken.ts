import { useEffect } from 'react';
import { useSession } from '../app/session-context';

/** Speaks a screen's main prompt when it appears and again when the language changes. */
export function useSpoken(text: string): void {
  const { say } = useSession();
  useEffect(() => {
    say(text);
  }, [say, text]);
}
