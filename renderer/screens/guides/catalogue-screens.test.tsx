import { describe, expect, test } from 'vitest';
import type { KioskApi } from '../../../contract/api';
import { appHarness } from '../../test-support/app-harness';
import { catalogueKiosk, withHeldPrint } from './catalogue-fixtures';
import { SEARCH_DEBOUNCE_MS } from './use-debounced-search';

// The catalogue screens inside the whole App (fake kiosk, fake timers): routing from the home
// tiles, paging, the guide's sections, printing, search debounce and highlighting, e-mail.

const { start: startApp, settle, view, byId, tapId } = appHarness();

async function start(api: KioskApi = catalogueKiosk().api) {
  const shown = await startApp(api);
  expect(shown.byTestId('home')).not.toBeNull();
  return shown;
}

async function openGuide(api?: KioskApi) {
  await start(api);
  await tapId('tile-guides');
  await tapId('entry-jd');
  await tapId('item-HZ-JD-001');
  expect(byId('guide').textContent).toContain('办事指南：户籍证明');
}

describe('办事指南: browse', () => {
  test('the guides tile opens departments; a department lists its items, most used first, paged', async () => {
    await start();
    await tapId('tile-guides');
    expect(byId('guides').textContent).toContain('公安分局');
    expect(byId('entry-gafj').textContent).toContain('24 项');
    await tapId('entry-jd');
    expect(byId('guide-items').querySelector('h1')?.textContent).toBe('街道办事处（政务服务中心）：请选择事项');
    expect(byId('items-count').textContent).toContain('共 10 项');
    const titles = () => [...view().container.querySelectorAll('.cat-item-title')].map((e) => e.textContent);
    expect(titles()).toHaveLength(7);
    expect(titles()[0]).toBe('户籍证明');
    await tapId('pager-next');
    expect(titles()).toEqual(['街道事项7', '街道事项8', '街道事项9']);
    expect(byId('pager-status').textContent).toBe('第 2 页，共 2 页');
  });

  test('coming back from a guide returns to the same page of the list', async () => {
    await start();
    await tapId('tile-guides');
    await tapId('entry-jd');
    await tapId('pager-next');
    await tapId('item-HZ-JD-18');
    await tapId('nav-back');
    expect(byId('pager-status').textContent).toBe('第 2 页，共 2 页');
  });

  test('life events and audiences are entry points too', async () => {
    const kiosk = catalogueKiosk();
    await start(kiosk.api);
    await tapId('tile-guides');
    await tapId('guides-section-lifeEvents');
    await tapId('entry-school');
    await tapId('nav-back');
    await tapId('guides-section-audience');
    expect(byId('guides-section-audience').getAttribute('aria-pressed')).toBe('true');
    await tapId('entry-legal');
    expect(kiosk.callsTo('catalogue.items')).toEqual([{ lifeEvent: 'school' }, { audience: 'legal' }]);
    expect(byId('guide-items').textContent).toContain('法人办事：请选择事项');
  });

  test('the forms tile opens 表格下载 when the feature is on', async () => {
    await start();
    await tapId('tile-forms');
    expect(byId('forms').textContent).toContain('户籍证明申请表');
  });
});

describe('guide page', () => {
  test('normal mode: the seven elements on three parts; elderly mode: one element per part', async () => {
    await openGuide();
    const headings = () => [...byId('guide-sections').querySelectorAll('h2')].map((h) => h.textContent);
    expect(headings()).toEqual(['事项名称', '法律依据', '办理条件']);
    expect(byId('guide-pager-status').textContent).toBe('第 1 部分，共 3 部分');
    await tapId('guide-pager-next');
    expect(headings()).toEqual(['办理材料', '涉及表格']);
    expect(byId('guide-section-materials').textContent).toContain('● 必须提交');
    expect(byId('guide-section-materials').textContent).toContain('○ 视情况提交');
    await tapId('guide-pager-next');
    expect(headings()).toEqual(['办理流程', '办理时限']);
    expect(byId('guide-section-process').textContent).toContain('第 1 步：申请');
    expect(byId('guide-section-timeLimit').textContent).toContain('即来即办');

    // Elderly mode keeps the place (the process) and shows one element at a time.
    await tapId('nav-elderly');
    expect(headings()).toEqual(['办理流程']);
    expect(byId('guide-pager-status').textContent).toBe('第 6 部分，共 7 部分');
    await tapId('guide-part-1');
    expect(headings()).toEqual(['法律依据']);
  });

  test('English: headings and facts in English, the department’s Chinese text marked as Chinese', async () => {
    await openGuide();
    await tapId('nav-language');
    expect(byId('guide').querySelector('h1')?.textContent).toBe('Service guide: Household registration certificate');
    expect(byId('guide-section-name').textContent).toContain('Department: Sub-district Offices');
    expect(byId('guide-section-legalBasis').querySelector('ul')?.getAttribute('lang')).toBe('zh-CN');
    expect(byId('guide').textContent).toContain('The department publishes the guide text in Chinese.');
  });

  test('printing the guide shows progress, says what is happening after 10 s, then "take your document"', async () => {
    const kiosk = catalogueKiosk();
    const held = withHeldPrint(kiosk.api);
    await openGuide(held.api);
    await tapId('print-guide');
    expect(byId('print-overlay').getAttribute('data-phase')).toBe('printing');
    expect(byId('print-status').textContent).toBe('正在打印办事指南，请稍候……');
    // Everything under the overlay is out of reach while it is up.
    expect(byId('nav-home').closest('[inert]')).not.toBeNull();
    await settle(10_000);
    expect(byId('print-status').textContent).toContain('打印机正在出纸');
    held.settle({ ok: true, value: { jobId: 'j', state: 'completed' } });
    await settle();
    expect(byId('print-done').textContent).toBe('打印完成，请取走您的文件');
    await tapId('print-ok');
    expect(view().byTestId('print-overlay')).toBeNull();
    expect(byId('nav-home').closest('[inert]')).toBeNull();
  });

  test('paper out: plain words, the job is kept, and closing returns to the same part of the guide', async () => {
    const kiosk = catalogueKiosk({ 'catalogue.print': () => ({ ok: false, error: { code: 'PRINTER_OUT_OF_PAPER', message: 'media-empty', detail: { kept: true } } }) });
    await openGuide(kiosk.api);
    await tapId('guide-pager-next');
    await tapId('print-blank-F019');
    expect(kiosk.callsTo('catalogue.print')).toEqual([{ kind: 'form', formId: 'F019', variant: 'blank' }]);
    const error = byId('error-message');
    expect(error.getAttribute('data-code')).toBe('PRINTER_OUT_OF_PAPER');
    expect(error.textContent).toContain('打印机没有纸了');
    expect(error.textContent).toContain('不会重复打印');
    expect(error.textContent).not.toContain('PRINTER_OUT_OF_PAPER');
    await tapId('print-close');
    expect(byId('guide-pager-status').textContent).toBe('第 2 部分，共 3 部分');
  });

  test('an unknown outcome (no answer in time) tells the resident to look at the tray before printing again', async () => {
    await openGuide(catalogueKiosk({ 'catalogue.print': () => ({ ok: false, error: { code: 'INTERNAL', message: 'no answer to catalogue.print within 15000 ms' } }) }).api);
    await tapId('print-guide');
    expect(byId('error-message').textContent).toContain('如果文件已经打印出来，请取走，不用再打印一次');
  });

  test('the sample of each form is printed by its own button', async () => {
    const kiosk = catalogueKiosk();
    await openGuide(kiosk.api);
    await tapId('guide-part-1');
    await tapId('print-sample-F005');
    expect(kiosk.callsTo('catalogue.print')).toEqual([{ kind: 'form', formId: 'F005', variant: 'sample' }]);
  });
});

describe('search', () => {
  async function openSearch(kiosk = catalogueKiosk()) {
    await start(kiosk.api);
    await tapId('tile-guides');
    await tapId('guides-search');
    return kiosk;
  }

  test('asks the kiosk only once typing pauses, with what was typed', async () => {
    const kiosk = await openSearch();
    for (const k of ['h', 'j', 'z', 'm']) {
      await tapId(`key-${k}`);
      await settle(SEARCH_DEBOUNCE_MS - 50);
    }
    expect(byId('query').textContent).toBe('hjzm');
    expect(kiosk.callsTo('catalogue.search')).toEqual([]);
    await settle(50);
    expect(kiosk.callsTo('catalogue.search')).toEqual([{ query: 'hjzm', limit: 60 }]);
    await tapId('key-delete');
    await settle(SEARCH_DEBOUNCE_MS);
    expect(kiosk.callsTo('catalogue.search').at(-1)).toEqual({ query: 'hjz', limit: 60 });
  });

  test('matched parts are marked (bold and underlined, not colour only) and lead to the guide', async () => {
    await openSearch();
    await tapId('quick-户籍');
    await settle(SEARCH_DEBOUNCE_MS);
    expect(byId('query').textContent).toBe('户籍');
    const marks = [...byId('search-results').querySelectorAll('mark.cat-match')].map((m) => m.textContent);
    expect(marks).toEqual(['户籍']);
    expect(byId('item-HZ-JD-001').textContent).toContain('户籍证明');
    expect(byId('search-count').textContent).toContain('找到 1 项');
    await tapId('item-HZ-JD-001');
    expect(byId('guide')).not.toBeNull();
    // Back to the search with the query still there.
    await tapId('nav-back');
    expect(byId('query').textContent).toBe('户籍');
  });

  test('nothing found is said in words; clear empties the query and the results', async () => {
    await openSearch();
    for (const k of ['z', 'z', 'z', 'z']) await tapId(`key-${k}`);
    await settle(SEARCH_DEBOUNCE_MS);
    expect(byId('search-results').textContent).toContain('没有找到与“zzzz”有关的事项');
    await tapId('key-clear');
    await settle(SEARCH_DEBOUNCE_MS);
    expect(byId('search-results').getAttribute('data-status')).toBe('empty');
  });
});

describe('e-mail', () => {
  async function openEmail(kiosk = catalogueKiosk()) {
    await openGuide(kiosk.api);
    await tapId('email-forms');
    expect(byId('email-forms-list').textContent).toContain('户籍证明申请表');
    return kiosk;
  }
  const type = async (text: string) => {
    for (const k of text) await tapId(`key-${k}`);
  };

  test('empty, then invalid (EMAIL_INVALID in plain words), then valid: queued, sent once online', async () => {
    const kiosk = await openEmail();
    await tapId('email-send');
    expect(byId('email-empty').textContent).toContain('请先输入电子邮箱地址');
    expect(kiosk.callsTo('catalogue.email')).toEqual([]);

    await type('abc');
    expect(view().byTestId('email-empty')).toBeNull();
    await tapId('email-send');
    expect(byId('error-message').getAttribute('data-code')).toBe('EMAIL_INVALID');
    expect(byId('error-message').textContent).toContain('电子邮箱地址好像不完整');

    await type('@qq.com');
    expect(view().byTestId('error-message')).toBeNull();
    await tapId('email-send');
    expect(kiosk.callsTo('catalogue.email')).toEqual([
      { itemId: 'HZ-JD-001', email: 'abc' },
      { itemId: 'HZ-JD-001', email: 'abc@qq.com' },
    ]);
    expect(byId('email-queued').textContent).toContain('联网后会自动把表格发到 abc@qq.com');
    await tapId('email-done');
    expect(byId('guide')).not.toBeNull();
  });

  test('online: told it goes within minutes', async () => {
    await openEmail(catalogueKiosk({ 'catalogue.email': () => ({ ok: true, value: { queued: true, online: true } }) }));
    await type('a@b.cn');
    await tapId('email-send');
    expect(byId('email-queued').getAttribute('data-online')).toBe('true');
    expect(byId('email-queued').textContent).toContain('几分钟内');
  });
});

describe('voice', () => {
  type G = { speechSynthesis?: unknown; SpeechSynthesisUtterance?: unknown };
  const g = globalThis as G;

  test('each catalogue screen speaks its prompt; printing, its outcome and errors are spoken', async () => {
    const spoken: string[] = [];
    g.SpeechSynthesisUtterance = class {
      voice: unknown = null;
      lang = '';
      rate = 1;
      volume = 1;
      constructor(readonly text: string) {}
    };
    g.speechSynthesis = { getVoices: () => [{ lang: 'zh-CN', name: 'zh' }], speak: (u: { text: string }) => spoken.push(u.text), cancel: () => undefined };
    try {
      let printed = 0;
      const kiosk = catalogueKiosk({
        'catalogue.print': () =>
          ++printed === 1 ? { ok: true, value: { jobId: 'j', state: 'completed' } } : { ok: false, error: { code: 'PRINTER_OFFLINE', message: 'offline', detail: { kept: true } } },
      });
      await start(kiosk.api);
      await tapId('tile-guides');
      expect(spoken).toContain('办事指南：请选择查找方式');
      await tapId('entry-jd');
      expect(spoken).toContain('街道办事处（政务服务中心）：请选择事项');
      await tapId('item-HZ-JD-001');
      expect(spoken).toContain('办事指南：户籍证明');
      await tapId('print-guide');
      expect(spoken.some((s) => s.startsWith('打印完成，请取走您的文件'))).toBe(true);
      await tapId('print-ok');
      await tapId('print-guide');
      expect(spoken.at(-1)).toContain('打印机暂时不能使用');
      await tapId('print-close');
      await tapId('email-forms');
      expect(spoken).toContain('请输入接收表格的电子邮箱');
      await tapId('email-send');
      expect(spoken.at(-1)).toBe('请先输入电子邮箱地址。');
      await tapId('nav-home');
      await tapId('tile-forms');
      expect(spoken).toContain('表格下载：请选择要打印的表格');
    } finally {
      delete g.speechSynthesis;
      delete g.SpeechSynthesisUtterance;
    }
  });
});
