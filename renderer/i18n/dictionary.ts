import { format, type Lang, type Params } from './i18n';

/** A feature's own strings in one language: `key` → template with `{name}` placeholders. */
export type DictionaryTranslate<K extends string> = (key: K, params?: Params) => string;

export type Dictionary<K extends string> = {
  tables: Record<Lang, Record<K, string>>;
  translator: (lang: Lang) => DictionaryTranslate<K>;
};

/**
 * One feature's string tables, kept apart from the foundation's (zh-CN.ts / en.ts) so a feature can
 * grow without touching them. Chinese is the source of the key set: the English table must have
 * exactly its keys (`NoInfer` keeps the keys from being widened by the English one).
 */
export function defineDictionary<K extends string>(zh: Record<K, string>, en: NoInfer<Record<K, string>>): Dictionary<K> {
  const tables: Record<Lang, Record<K, string>> = { 'zh-CN': zh, en };
  return {
    tables,
    translator: (lang) => {
      const table = tables[lang];
      return (key, params) => format(table[key], params);
    },
  };
}
