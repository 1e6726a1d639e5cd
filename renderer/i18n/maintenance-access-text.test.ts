import { describe, expect, test } from 'vitest';
import { SELF_TESTS } from '../../contract/maintenance-access';
import { factLabel, maintenanceAccessTranslator } from '../screens/maintenance/maintenance-access-text';
import { describeDictionaryRules } from '../test-support/dictionary-rules';
import { maintenanceAccessEn } from './maintenance-access-en';
import { maintenanceAccessZhCN } from './maintenance-access-zh-CN';

// The technician sign-in and self-test strings follow the foundation's rules (i18n.test.ts).
describeDictionaryRules('maintenance access strings', maintenanceAccessZhCN, maintenanceAccessEn);

describe('maintenance access translator', () => {
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
