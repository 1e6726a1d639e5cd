import { describe, expect, test } from 'vitest';
import { appHarness } from '../../test-support/app-harness';
import { catalogueKiosk, hujiForm, hujiResult, proxyForm } from '../guides/catalogue-fixtures';
import { SEARCH_DEBOUNCE_MS } from '../guides/use-debounced-search';
import { findForms } from './forms-screen';

const { start, settle, byId, tapId } = appHarness();

describe('表格下载', () => {
  test('lists every form with print blank / print sample; the keyboard searches them', async () => {
    const kiosk = catalogueKiosk();
    const view = await start(kiosk.api);
    await tapId('tile-forms');
    expect(byId('forms-count').textContent).toBe('共 2 份表格');
    expect(view.byTestId('keyboard')).toBeNull();
    await tapId('print-blank-F005');
    expect(kiosk.callsTo('catalogue.print')).toEqual([{ kind: 'form', formId: 'F005', variant: 'blank' }]);
    await tapId('print-ok');

    await tapId('forms-keyboard');
    expect(byId('forms-keyboard').getAttribute('aria-pressed')).toBe('true');
    await tapId('quick-户籍');
    await settle(SEARCH_DEBOUNCE_MS);
    expect(byId('forms-query').textContent).toBe('户籍');
    // The form titled 户籍…, then the forms of the items found for 户籍 (the fake finds 户籍证明).
    const shown = [...byId('forms-results').querySelectorAll('[data-testid^="form-F"]')].map((e) => e.getAttribute('data-testid'));
    expect(shown).toEqual(['form-F019', 'form-F005']);
  });
});

describe('findForms', () => {
  test('title matches first, then the forms of the items the catalogue search finds (pinyin)', async () => {
    const kiosk = catalogueKiosk({
      'catalogue.forms': ({ query }) => ({ ok: true, value: query === 'hjzm' ? [] : [hujiForm, proxyForm] }),
      'catalogue.search': () => ({ ok: true, value: [hujiResult] }),
    });
    const found = await findForms(kiosk.api, 'hjzm');
    expect(found.ok && found.value.map((f) => f.id)).toEqual(['F019', 'F005']);
    expect(kiosk.callsTo('catalogue.search')).toEqual([{ query: 'hjzm', limit: 10 }]);
  });

  test('an empty query is the whole list, without a search', async () => {
    const kiosk = catalogueKiosk();
    const found = await findForms(kiosk.api, '');
    expect(found.ok && found.value).toHaveLength(2);
    expect(kiosk.callsTo('catalogue.search')).toEqual([]);
  });
});
