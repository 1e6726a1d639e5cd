import { useMemo } from 'react';
import { useSession } from '../app/session-context';
import type { Dictionary, DictionaryTranslate } from '../i18n/dictionary';

/** A feature's own strings in the session's language; a new function only when the language changes. */
export function useDictionary<K extends string>(dictionary: Dictionary<K>): DictionaryTranslate<K> {
  const { lang } = useSession();
  return useMemo(() => dictionary.translator(lang), [dictionary, lang]);
}
