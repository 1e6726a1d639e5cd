import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Which fixed phrases the kiosk can say, gathered from every string table in renderer/i18n/, so a
// feature that adds its own dictionary (progress-zh-CN.ts, …) is recorded without touching this file.

export type VoiceLang = 'zh-CN' | 'en';
export type Phrase = { lang: VoiceLang; text: string };

/** `zh-CN.ts`, `catalogue-zh-CN.ts` → zh-CN; `en.ts`, `catalogue-en.ts` → en; anything else is no table. */
export function langOfDictionary(fileName: string): VoiceLang | undefined {
  if (fileName.endsWith('.test.ts') || !fileName.endsWith('.ts')) return undefined;
  if (/(^|-)zh-CN\.ts$/.test(fileName)) return 'zh-CN';
  if (/(^|-)en\.ts$/.test(fileName)) return 'en';
  return undefined;
}

const PLACEHOLDER = /\{\w+\}/;

/**
 * Every string a table module exports, however deep (error tables hold `{ message, next }`),
 * except templates with `{placeholders}`: those are filled at run time and cannot be recorded.
 */
export function spokenStrings(exports: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const text = value.trim();
      if (text !== '' && !PLACEHOLDER.test(text)) out.push(text);
    } else if (value !== null && typeof value === 'object') {
      for (const inner of Object.values(value)) walk(inner);
    }
  };
  walk(exports);
  return out;
}

export type LoadModule = (file: string) => Promise<Record<string, unknown>>;

const importModule: LoadModule = (file) => import(pathToFileURL(file).href) as Promise<Record<string, unknown>>;

/** The distinct phrases of all tables in `dir`, sorted so the manifest is stable. */
export async function collectPhrases(dir: string, load: LoadModule = importModule): Promise<Phrase[]> {
  const seen = new Set<string>();
  const phrases: Phrase[] = [];
  for (const file of readdirSync(dir).sort()) {
    const lang = langOfDictionary(file);
    if (!lang) continue;
    for (const text of spokenStrings(await load(join(dir, file)))) {
      const key = `${lang}\n${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      phrases.push({ lang, text });
    }
  }
  return phrases.sort((a, b) => (a.lang === b.lang ? (a.text < b.text ? -1 : a.text > b.text ? 1 : 0) : a.lang < b.lang ? -1 : 1));
}
