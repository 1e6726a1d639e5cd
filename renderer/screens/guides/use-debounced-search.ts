import { useEffect, useState } from 'react';
import type { KioskErrorBody } from '../../../contract/errors';

/** How long typing must pause before the kiosk is asked: fewer requests, no flicker. */
export const SEARCH_DEBOUNCE_MS = 300;

export type SearchState<T> =
  | { status: 'empty' }
  | { status: 'searching'; query: string }
  | { status: 'ok'; query: string; results: T }
  | { status: 'error'; query: string; error: KioskErrorBody };

/**
 * Results that follow what the resident types: asked once typing pauses, and only the answer to
 * the latest query is shown (an older, slower answer never overwrites a newer one).
 */
export function useDebouncedSearch<T>(query: string, search: (query: string) => Promise<{ ok: true; value: T } | { ok: false; error: KioskErrorBody }>, allowEmpty = false): SearchState<T> {
  const [state, setState] = useState<SearchState<T>>({ status: 'empty' });
  const trimmed = query.trim();
  useEffect(() => {
    if (trimmed === '' && !allowEmpty) {
      setState({ status: 'empty' });
      return;
    }
    let live = true;
    setState((s) => (s.status === 'ok' ? s : { status: 'searching', query: trimmed }));
    const timer = setTimeout(() => {
      void search(trimmed).then((result) => {
        if (!live) return;
        setState(result.ok ? { status: 'ok', query: trimmed, results: result.value } : { status: 'error', query: trimmed, error: result.error });
      });
      // An empty query (the forms screen's full list) is not being typed: no reason to wait.
    }, trimmed === '' ? 0 : SEARCH_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `search` is a fresh closure per render; the query is what matters.
  }, [trimmed, allowEmpty]);
  return state;
}
