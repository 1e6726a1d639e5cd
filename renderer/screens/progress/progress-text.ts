import { useMemo } from 'react';
import { useSession } from '../../app/session-context';
import { progressEn } from '../../i18n/progress-en';
import { progressZhCN, type ProgressKey } from '../../i18n/progress-zh-CN';
import { format, type Lang, type Params } from '../../i18n/i18n';

export type ProgressTranslate = (key: ProgressKey, params?: Params) => string;

const tables: Record<Lang, Record<ProgressKey, string>> = { 'zh-CN': progressZhCN, en: progressEn };

export function progressTranslator(lang: Lang): ProgressTranslate {
  const table = tables[lang];
  return (key, params) => format(table[key], params);
}

/** The progress, results and slips screens' own strings, in the session's language. */
export function useProgressText(): ProgressTranslate {
  const { lang } = useSession();
  return useMemo(() => progressTranslator(lang), [lang]);
}

/** 2026-11-28 10:05, Guangzhou time, whatever the kiosk's own zone. */
export function hallTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
