import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { collectPhrases, langOfDictionary, spokenStrings } from './phrases';

const i18n = join(new URL('../../', import.meta.url).pathname, 'renderer', 'i18n');

describe('voice phrases', () => {
  test('a table’s language comes from its file name; other files are not tables', () => {
    expect(langOfDictionary('zh-CN.ts')).toBe('zh-CN');
    expect(langOfDictionary('progress-zh-CN.ts')).toBe('zh-CN');
    expect(langOfDictionary('en.ts')).toBe('en');
    expect(langOfDictionary('catalogue-en.ts')).toBe('en');
    expect(langOfDictionary('i18n.ts')).toBeUndefined();
    expect(langOfDictionary('catalogue-text.test.ts')).toBeUndefined();
    expect(langOfDictionary('screen.ts')).toBeUndefined();
  });

  test('every string leaf is spoken except templates', () => {
    const strings = spokenStrings({ table: { a: ' 您好 ', b: '第 {page} 页', c: '' }, errors: { X: { message: '失败了', next: '请重试' } }, n: 3 });
    expect(strings).toEqual(['您好', '失败了', '请重试']);
  });

  test('the repository’s tables give prompts, errors and reminders in both languages, never a template', async () => {
    const phrases = await collectPhrases(i18n);
    const texts = (lang: string) => phrases.filter((p) => p.lang === lang).map((p) => p.text);
    expect(texts('zh-CN')).toEqual(expect.arrayContaining(['您好，请点选要办理的事项', '请记得取回您的卡片。', '请取走打印好的材料。']));
    expect(texts('en')).toEqual(expect.arrayContaining(['Hello, please choose a service', 'Please remember to take your card.']));
    // An error table's message and next step (nested objects) are both there.
    const { zhCNErrors } = await import('../../renderer/i18n/zh-CN');
    const anError = Object.values(zhCNErrors)[0];
    expect(texts('zh-CN')).toEqual(expect.arrayContaining([anError?.message, anError?.next]));
    expect(phrases.some((p) => /\{\w+\}/.test(p.text))).toBe(false);
    expect(new Set(phrases.map((p) => `${p.lang}${p.text}`)).size).toBe(phrases.length);
  });
});
