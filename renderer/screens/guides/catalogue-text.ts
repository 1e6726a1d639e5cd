import { useDictionary } from '../../components/use-dictionary';
import { catalogueEn } from '../../i18n/catalogue-en';
import { catalogueZhCN, type CatalogueKey } from '../../i18n/catalogue-zh-CN';
import { defineDictionary, type DictionaryTranslate } from '../../i18n/dictionary';
import type { Lang } from '../../i18n/i18n';

export type CatalogueTranslate = DictionaryTranslate<CatalogueKey>;

const catalogue = defineDictionary(catalogueZhCN, catalogueEn);

export const allCatalogueMessages = catalogue.tables;

export const catalogueTranslator = catalogue.translator;

/** The catalogue screens' own strings, in the session's language. */
export function useCatalogueText(): CatalogueTranslate {
  return useDictionary(catalogue);
}

/** Catalogue records carry both names; English falls back to Chinese where a record has none. */
export function localName(lang: Lang, zh: string, en: string | undefined): string {
  return lang === 'en' && en ? en : zh;
}
