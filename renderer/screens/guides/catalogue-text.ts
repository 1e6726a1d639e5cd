import { useMemo } from 'react';
import { useSession } from '../../app/session-context';
import { catalogueEn } from '../../i18n/catalogue-en';
import { catalogueZhCN, type CatalogueKey } from '../../i18n/catalogue-zh-CN';
import { format, type Lang, type Params } from '../../i18n/i18n';

export type CatalogueTranslate = (key: CatalogueKey, params?: Params) => string;

const tables: Record<Lang, Record<CatalogueKey, string>> = { 'zh-CN': catalogueZhCN, en: catalogueEn };

export const allCatalogueMessages = tables;

export function catalogueTranslator(lang: Lang): CatalogueTranslate {
  const table = tables[lang];
  return (key, params) => format(table[key], params);
}

/** The catalogue screens' own strings, in the session's language. */
export function useCatalogueText(): CatalogueTranslate {
  const { lang } = useSession();
  return useMemo(() => catalogueTranslator(lang), [lang]);
}

/** Catalogue records carry both names; English falls back to Chinese where a record has none. */
export function localName(lang: Lang, zh: string, en: string | undefined): string {
  return lang === 'en' && en ? en : zh;
}
