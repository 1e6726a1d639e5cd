import { describe, expect, test } from 'vitest';
import { placeholders } from '../i18n/i18n';

export type DictionaryRuleOptions = {
  /**
   * 'same' (the default): each key has the same `{name}` placeholders in both languages.
   * 'none': no placeholders at all, for fixed phrases the build records (voice).
   */
  placeholders?: 'same' | 'none';
};

/**
 * The rules every feature's string tables keep, as the foundation's do (i18n.test.ts): the types
 * already make a missing key a compile error; these prove the running tables agree, that no string
 * is empty or drops a placeholder, and that nothing is left untranslated in either language.
 */
export function describeDictionaryRules<K extends string>(
  name: string,
  zh: Record<K, string>,
  en: NoInfer<Record<K, string>>,
  options: DictionaryRuleOptions = {},
): void {
  const fixed = options.placeholders === 'none';
  describe(name, () => {
    const keys = Object.keys(zh) as K[];

    test(`both languages have the same keys, none empty, ${fixed ? 'none with placeholders' : 'with the same placeholders'}`, () => {
      expect(Object.keys(en).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        expect(zh[key].trim(), key).not.toBe('');
        expect(en[key].trim(), key).not.toBe('');
        if (fixed) {
          expect(placeholders(zh[key]), key).toEqual([]);
          expect(placeholders(en[key]), key).toEqual([]);
        } else {
          expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
        }
      }
    });

    test('Chinese strings are Chinese and English strings are not', () => {
      const han = /\p{Script=Han}/u;
      for (const key of keys) {
        expect(han.test(zh[key]), `zh ${key}`).toBe(true);
        expect(han.test(en[key]), `en ${key}`).toBe(false);
      }
    });
  });
}
