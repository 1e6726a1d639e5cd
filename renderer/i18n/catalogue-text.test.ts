import { describe, expect, test } from 'vitest';
import { placeholders } from './i18n';
import { catalogueEn } from './catalogue-en';
import { catalogueZhCN, type CatalogueKey } from './catalogue-zh-CN';

// The catalogue screens' strings follow the same rules as the foundation's tables (i18n.test.ts).
describe('catalogue strings', () => {
  const keys = Object.keys(catalogueZhCN) as CatalogueKey[];

  test('both languages have the same keys, none empty, with the same placeholders', () => {
    expect(Object.keys(catalogueEn).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(catalogueZhCN[key].trim(), key).not.toBe('');
      expect(catalogueEn[key].trim(), key).not.toBe('');
      expect(placeholders(catalogueEn[key]), key).toEqual(placeholders(catalogueZhCN[key]));
    }
  });

  test('Chinese strings are Chinese and English strings are not', () => {
    const han = /\p{Script=Han}/u;
    for (const key of keys) {
      expect(han.test(catalogueZhCN[key]), `zh ${key}`).toBe(true);
      expect(han.test(catalogueEn[key]), `en ${key}`).toBe(false);
    }
  });
});
