import { describe, expect, test } from 'vitest';
import { placeholders } from './i18n';
import { progressEn } from './progress-en';
import { progressZhCN, type ProgressKey } from './progress-zh-CN';

// The progress screens' strings follow the same rules as the foundation's tables (i18n.test.ts).
describe('progress strings', () => {
  const keys = Object.keys(progressZhCN) as ProgressKey[];

  test('both languages have the same keys, none empty, with the same placeholders', () => {
    expect(Object.keys(progressEn).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(progressZhCN[key].trim(), key).not.toBe('');
      expect(progressEn[key].trim(), key).not.toBe('');
      expect(placeholders(progressEn[key]), key).toEqual(placeholders(progressZhCN[key]));
    }
  });

  test('Chinese strings are Chinese and English strings are not', () => {
    const han = /\p{Script=Han}/u;
    for (const key of keys) {
      expect(han.test(progressZhCN[key]), `zh ${key}`).toBe(true);
      expect(han.test(progressEn[key]), `en ${key}`).toBe(false);
    }
  });
});
