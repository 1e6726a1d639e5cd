import { useDictionary } from '../../components/use-dictionary';
import { progressEn } from '../../i18n/progress-en';
import { progressZhCN, type ProgressKey } from '../../i18n/progress-zh-CN';
import { defineDictionary, type DictionaryTranslate } from '../../i18n/dictionary';

export type ProgressTranslate = DictionaryTranslate<ProgressKey>;

const progress = defineDictionary(progressZhCN, progressEn);

export const progressTranslator = progress.translator;

/** The progress, results and slips screens' own strings, in the session's language. */
export function useProgressText(): ProgressTranslate {
  return useDictionary(progress);
}

/** 2026-11-28 10:05, Guangzhou time, whatever the kiosk's own zone. */
export function hallTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
