import { describe, expect, test } from 'vitest';
import { placeholders } from './i18n';
import { maintenanceEn } from './maintenance-en';
import { maintenanceZhCN, type MaintenanceKey } from './maintenance-zh-CN';

// The maintenance screens' strings follow the same rules as the foundation's tables (i18n.test.ts).
describe('maintenance strings', () => {
  const keys = Object.keys(maintenanceZhCN) as MaintenanceKey[];

  test('both languages have the same keys, none empty, with the same placeholders', () => {
    expect(Object.keys(maintenanceEn).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(maintenanceZhCN[key].trim(), key).not.toBe('');
      expect(maintenanceEn[key].trim(), key).not.toBe('');
      expect(placeholders(maintenanceEn[key]), key).toEqual(placeholders(maintenanceZhCN[key]));
    }
  });

  test('Chinese strings are Chinese and English strings are not', () => {
    const han = /\p{Script=Han}/u;
    for (const key of keys) {
      expect(han.test(maintenanceZhCN[key]), `zh ${key}`).toBe(true);
      expect(han.test(maintenanceEn[key]), `en ${key}`).toBe(false);
    }
  });
});
