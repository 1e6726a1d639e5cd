import { useCallback, useEffect, useState } from 'react';
import type { ChannelName, RequestOf, ResponseOf } from '../../../contract/channels';
import type { KioskErrorBody } from '../../../contract/errors';
import { useSession } from '../../app/session-context';

/** After this long a wait says what is happening, not only that it is happening (KIOSK-UX.md). */
export const SLOW_WAIT_MS = 10_000;

export type CallState<T> =
  | { status: 'loading'; slow: boolean }
  | { status: 'ok'; value: T }
  | { status: 'error'; error: KioskErrorBody };

/** One kiosk request for a screen's content; `key` decides when to ask again. Stale answers are dropped. */
export function useKioskCall<C extends ChannelName>(channel: C, input: RequestOf<C>, key: string): CallState<ResponseOf<C>> & { retry: () => void } {
  const { kiosk } = useSession();
  const [state, setState] = useState<CallState<ResponseOf<C>>>({ status: 'loading', slow: false });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading', slow: false });
    const timer = setTimeout(() => live && setState((s) => (s.status === 'loading' ? { status: 'loading', slow: true } : s)), SLOW_WAIT_MS);
    void kiosk.invoke(channel, input).then((result) => {
      if (!live) return;
      clearTimeout(timer);
      setState(result.ok ? { status: 'ok', value: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `key` stands for `input` (a fresh object on every render).
  }, [kiosk, channel, key, attempt]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, retry };
}
