import { describe, expect, test } from 'vitest';
import { ERROR_CODES } from '../../contract/errors';
import { allErrors, allMessages, format, placeholders, translator, type MessageKey } from './i18n';

// The types already make a missing key a compile error; this proves the running tables agree too
// and that no translation is empty or drops a placeholder.
describe('translations', () => {
  const zh = allMessages['zh-CN'];
  const en = allMessages.en;

  test('both languages have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  test('no string is empty and each uses the same placeholders in both languages', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  test('Chinese strings are Chinese and English strings are not', () => {
    const han = /\p{Script=Han}/u;
    // The language switch (and the help text about it) names the other language in its own words.
    const crossing = new Set(['nav.language', 'nav.languageLabel', 'help.step3']);
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      if (crossing.has(key)) continue;
      expect(han.test(zh[key]), `zh ${key}`).toBe(true);
      expect(han.test(en[key]), `en ${key}`).toBe(false);
    }
  });

  test('every error code has plain words and a next step in both languages, never the code itself', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      expect(Object.keys(allErrors[lang]).sort()).toEqual([...ERROR_CODES].sort());
      for (const code of ERROR_CODES) {
        const text = allErrors[lang][code];
        expect(text.message.length, `${lang} ${code}`).toBeGreaterThan(5);
        expect(text.next.length, `${lang} ${code}`).toBeGreaterThan(5);
        expect(`${text.message} ${text.next}`, `${lang} ${code}`).not.toContain(code);
      }
    }
  });

  test('format fills placeholders and leaves unknown ones visible', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translator('en')('idle.body', { seconds: 7 })).toContain('In 7 seconds');
    expect(translator('zh-CN')('idle.body', { seconds: 7 })).toContain('7 秒后');
  });
});

describe('the key set is enforced by the compiler', () => {
  test('a table missing a key does not type-check', () => {
    // @ts-expect-error an English table without every key of zh-CN.ts is rejected by tsc
    const incomplete: Record<MessageKey, string> = { 'app.title': 'Haizhu e-Service' };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
