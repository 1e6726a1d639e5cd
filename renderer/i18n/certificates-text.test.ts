import { describe, expect, test } from 'vitest';
import { placeholders } from './i18n';
import { certificatesEn } from './certificates-en';
import { certificatesZhCN, type CertificatesKey } from './certificates-zh-CN';

// The certificate screens' strings follow the same rules as the foundation's tables (i18n.test.ts).
describe('certificate strings', () => {
  const keys = Object.keys(certificatesZhCN) as CertificatesKey[];

  test('both languages have the same keys, none empty, with the same placeholders', () => {
    expect(Object.keys(certificatesEn).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(certificatesZhCN[key].trim(), key).not.toBe('');
      expect(certificatesEn[key].trim(), key).not.toBe('');
      expect(placeholders(certificatesEn[key]), key).toEqual(placeholders(certificatesZhCN[key]));
    }
  });

  test('Chinese strings are Chinese and English strings are not', () => {
    const han = /\p{Script=Han}/u;
    for (const key of keys) {
      expect(han.test(certificatesZhCN[key]), `zh ${key}`).toBe(true);
      expect(han.test(certificatesEn[key]), `en ${key}`).toBe(false);
    }
  });
});
