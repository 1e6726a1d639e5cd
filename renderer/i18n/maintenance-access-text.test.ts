import { describe, expect, test } from 'vitest';
import { SELF_TESTS } from '../../contract/maintenance-access';
import { factLabel, maintenanceAccessTranslator } from '../screens/maintenance/maintenance-access-text';
import { placeholders } from './i18n';
import { maintenanceAccessEn } from './maintenance-access-en';
import { maintenanceAccessZhCN, type MaintenanceAccessKey } from './maintenance-access-zh-CN';

// The technician sign-in and self-test strings follow the foundation's rules (i18n.test.ts).
describe('maintenance access strings', () => {
  const keys = Object.keys(maintenanceAccessZhCN) as MaintenanceAccessKey[];

  test('both languages have the same keys, none empty, with the same placeholders', () => {
    expect(Object.keys(maintenanceAccessEn).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(maintenanceAccessZhCN[key].trim(), key).not.toBe('');
      expect(maintenanceAccessEn[key].trim(), key).not.toBe('');
      expect(placeholders(maintenanceAccessEn[key]), key).toEqual(placeholders(maintenanceAccessZhCN[key]));
    }
  });

  test('Chinese strings are Chinese and English strings are not', () => {
    const han = /\p{Script=Han}/u;
    for (const key of keys) {
      expect(han.test(maintenanceAccessZhCN[key]), `zh ${key}`).toBe(true);
      expect(han.test(maintenanceAccessEn[key]), `en ${key}`).toBe(false);
    }
  });

  test('every self-test has a name, and fact labels translate or fall back to themselves', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = maintenanceAccessTranslator(lang);
      for (const test of SELF_TESTS) expect(t(`test.${test}`)).not.toMatch(/^test\./);
    }
    const en = maintenanceAccessTranslator('en');
    expect(factLabel(en, 'quickCheck')).toBe('Database quick check');
    expect(factLabel(en, 'somethingNew')).toBe('somethingNew');
    expect(maintenanceAccessTranslator('zh-CN')('pin.card', { card: 'T*******17' })).toContain('T*******17');
  });
});
