import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { KioskApi } from '../../contract/api';
import type { SimulatorAction } from '../../contract/channels';
import { LANDSCAPE, openBrowser, PORTRAIT, type Browser, type Viewport } from '../support/browser';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process';
import { needs } from '../support/system';
import { KioskPage } from './kiosk-page';

// The service catalogue end to end: the real demo kiosk (its catalogue, its search, its A4
// printer — a real ippeveprinter — and its outbox) through the browser shell in Debian's
// Chromium. Residents' paths are tapped, never typed: the on-screen keyboard is the only input.
// Every screen is checked by axe-core, the 60 px target rule and the layout check, and
// photographed in portrait into test-results/screenshots/catalogue-*.

type Mode = { name: string; en: boolean; elderly: boolean; minPx: number; viewport?: Viewport };
const MODES: Mode[] = [
  { name: 'zh', en: false, elderly: false, minPx: 24 },
  { name: 'en', en: true, elderly: false, minPx: 24 },
  { name: 'elderly-zh', en: false, elderly: true, minPx: 32 },
  { name: 'elderly-en', en: true, elderly: true, minPx: 32 },
  // Some kiosks stand sideways: the same screens must hold in landscape too.
  { name: 'landscape-zh', en: false, elderly: false, minPx: 24, viewport: LANDSCAPE },
  { name: 'landscape-elderly-en', en: true, elderly: true, minPx: 32, viewport: LANDSCAPE },
];

describe.skipIf(!needs('chromium', 'chromium'))('service catalogue screens (Chromium, browser shell)', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let ui: KioskPage;

  beforeAll(async () => {
    kiosk = await startKioskProcess();
    browser = await openBrowser(PORTRAIT);
    ui = new KioskPage(browser.page);
  });

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  /** Photograph, then axe, targets and layout: each must find nothing. */
  async function check(name: string, minPx: number): Promise<void> {
    await ui.screenshot(`catalogue-${name}`);
    expect(await ui.axeViolations(), name).toEqual([]);
    expect(await ui.targetProblems(), name).toEqual([]);
    expect(await ui.layoutProblems(minPx), name).toEqual([]);
  }

  /** How many pixels of the screen area lie beyond its bottom (0: nothing needs scrolling). */
  async function scrollNeeded(): Promise<number> {
    return browser.page.locator('.kiosk-main').evaluate((el) => Math.max(0, el.scrollHeight - el.clientHeight - 1));
  }

  async function fresh(mode: Mode = MODES[0]!): Promise<void> {
    await browser.page.setViewportSize(mode.viewport ?? PORTRAIT);
    await ui.open(kiosk.url);
    if (mode.en) await ui.tap('nav-language');
    if (mode.elderly) await ui.tap('nav-elderly');
  }

  async function type(text: string): Promise<void> {
    for (const key of text) await ui.tap(`key-${key}`);
  }

  /** Home → 办事指南 → search → tap h j z m → 户籍证明 (the catalogue's top match). */
  async function guideByInitials(): Promise<void> {
    await ui.tap('tile-guides');
    await ui.tap('guides-search');
    await type('hjzm');
    await ui.byTestId('item-HZ-JD-001').waitFor();
    await ui.tap('item-HZ-JD-001');
    await ui.byTestId('guide-sections').waitFor();
  }

  async function waitForPrint(): Promise<string | null> {
    const overlay = ui.byTestId('print-overlay');
    await browser.page.locator('[data-testid="print-overlay"]:is([data-phase="done"], [data-phase="failed"])').waitFor({ timeout: 60_000 });
    const phase = await overlay.getAttribute('data-phase');
    // A failure names its code, so a test expecting "done" says what went wrong instead.
    return phase === 'failed' ? `failed: ${await ui.byTestId('error-message').getAttribute('data-code')}` : phase;
  }

  test('browse: department → item (most used first) → guide → print the guide (completed)', async () => {
    await fresh();
    await ui.tap('tile-guides');
    await ui.byTestId('entry-fgj').waitFor();
    expect(await browser.page.locator('[data-testid^="entry-"]').count()).toBe(16);
    await ui.tap('pager-next');
    expect(await browser.page.locator('[data-testid^="entry-"]').count()).toBe(6);
    await ui.tap('entry-jd');
    await ui.byTestId('item-list').waitFor();
    expect(await ui.byTestId('items-count').textContent()).toContain('共 83 项');
    // Most used first: 户籍证明 has popularity rank 1.
    expect(await browser.page.locator('.cat-item-title').first().textContent()).toBe('户籍证明');
    await ui.tap('item-HZ-JD-001');
    await ui.byTestId('guide-sections').waitFor();
    expect(await browser.page.locator('#guide-prompt').textContent()).toBe('办事指南：户籍证明');

    await ui.tap('print-guide');
    expect(await ui.byTestId('print-overlay').getAttribute('data-phase')).toBe('printing');
    await ui.screenshot('catalogue-print-progress-zh');
    expect(await waitForPrint()).toBe('done');
    expect(await ui.byTestId('print-done').textContent()).toBe('打印完成，请取走您的文件');
    await check('print-done-zh', 24);
    await ui.tap('print-ok');
    // The resident is where they were.
    expect(await browser.page.locator('#guide-prompt').textContent()).toBe('办事指南：户籍证明');
  });

  test('search by 户籍 (quick word) and by hjzm (keys), highlights marked', async () => {
    await fresh();
    await ui.tap('tile-guides');
    await ui.tap('guides-search');
    await ui.tap('quick-户籍');
    await ui.byTestId('item-HZ-JD-001').waitFor();
    expect(await ui.byTestId('query').textContent()).toBe('户籍');
    expect(await ui.byTestId('item-HZ-JD-001').locator('mark').first().textContent()).toBe('户籍');
    await ui.screenshot('catalogue-search-huji-zh');

    await ui.tap('key-clear');
    await type('hjzm');
    expect(await ui.byTestId('query').textContent()).toBe('hjzm');
    await browser.page.locator('[data-testid="search-results"] .cat-item').first().waitFor();
    await browser.page.waitForFunction(() => {
      const first = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector('[data-testid="search-results"] .cat-item');
      return first?.getAttribute('data-testid') === 'item-HZ-JD-001';
    });
    expect(await ui.byTestId('item-HZ-JD-001').locator('mark').allTextContents()).not.toEqual([]);
    await check('search-hjzm-zh', 24);
  });

  test('表格下载: print a blank form; the keyboard finds the 户籍 form by hjzm', async () => {
    await fresh();
    await ui.tap('tile-forms');
    await ui.byTestId('forms-count').waitFor();
    expect(await ui.byTestId('forms-count').textContent()).toBe('共 31 份表格');
    await ui.tap('print-blank-F001');
    expect(await waitForPrint()).toBe('done');
    await ui.tap('print-ok');

    await ui.tap('forms-keyboard');
    await type('hjzm');
    await ui.byTestId('form-F019').waitFor();
    await check('forms-search-zh', 24);
  });

  test('e-mail the forms: invalid address in plain words, then queued and sent while online', async () => {
    await fresh();
    await guideByInitials();
    await ui.tap('email-forms');
    await ui.byTestId('email-forms-list').waitFor();
    await type('abc');
    await ui.tap('email-send');
    await ui.byTestId('error-message').waitFor();
    expect(await ui.byTestId('error-message').getAttribute('data-code')).toBe('EMAIL_INVALID');
    expect(await ui.byTestId('error-message').textContent()).toContain('电子邮箱地址好像不完整');
    await check('email-invalid-zh', 24);

    // The demo platform answers: told it goes within minutes.
    await ui.byTestId('offline-banner').waitFor({ state: 'detached', timeout: 30_000 });
    await type('@qq.com');
    expect(await ui.byTestId('email-address').textContent()).toBe('abc@qq.com');
    await ui.tap('email-send');
    await ui.byTestId('email-queued').waitFor();
    expect(await ui.byTestId('email-queued').getAttribute('data-online')).toBe('true');
    expect(await ui.byTestId('email-queued').textContent()).toContain('几分钟内发到 abc@qq.com');
    await check('email-queued-online-zh', 24);
  });

  describe.each(MODES)('every catalogue screen in $name', (mode) => {
    test('guides, item list, guide parts, search, e-mail and forms: axe clean, targets ≥ 60 px, nothing overlaps', async () => {
      await fresh(mode);
      await ui.tap('tile-guides');
      await ui.byTestId('entry-fgj').waitFor();
      await check(`guides-${mode.name}`, mode.minPx);
      // Portrait is the kiosk's own orientation: there the grid is paged, never scrolled.
      if (!mode.viewport) expect(await scrollNeeded(), 'the department grid is paged, not scrolled').toBe(0);
      await ui.tap('guides-section-lifeEvents');
      await check(`guides-life-events-${mode.name}`, mode.minPx);
      if (!mode.viewport) expect(await scrollNeeded(), 'the life events are paged, not scrolled').toBe(0);
      await ui.tap('entry-birth');
      await ui.byTestId('item-list').waitFor();
      await check(`items-${mode.name}`, mode.minPx);
      expect(await scrollNeeded(), 'the item list is paged, not scrolled').toBe(0);
      await ui.tap('nav-back');
      await ui.tap('guides-search');
      await type('hjzm');
      await ui.byTestId('item-HZ-JD-001').waitFor();
      await check(`search-${mode.name}`, mode.minPx);
      expect(await scrollNeeded(), 'the search screen with its keyboard fits without scrolling').toBe(0);
      await ui.tap('item-HZ-JD-001');
      await ui.byTestId('guide-sections').waitFor();
      const parts = mode.elderly ? 7 : 3;
      expect(await ui.byTestId('guide-pager-status').textContent()).toContain(String(parts));
      for (let part = 0; part < parts; part++) {
        if (part > 0) await ui.tap('guide-pager-next');
        await check(`guide-part${part + 1}-${mode.name}`, mode.minPx);
      }
      await ui.tap('email-forms');
      await ui.byTestId('email-forms-list').waitFor();
      await check(`email-${mode.name}`, mode.minPx);
      expect(await scrollNeeded(), 'the e-mail screen with its keyboard fits without scrolling').toBe(0);
      await ui.tap('nav-home');
      await ui.tap('tile-forms');
      await ui.byTestId('forms-count').waitFor();
      await check(`forms-${mode.name}`, mode.minPx);
      expect(await scrollNeeded(), 'the forms list is paged, not scrolled').toBe(0);
      await ui.tap('forms-keyboard');
      await type('hjzm');
      await ui.byTestId('form-F019').waitFor();
      await check(`forms-keyboard-${mode.name}`, mode.minPx);
      expect(await scrollNeeded(), 'the forms screen with its keyboard fits without scrolling').toBe(0);
    });
  });

  describe('without a platform link', () => {
    let offline: KioskProcess;
    beforeAll(async () => {
      // Nothing listens on the discard port: every upload fails, the kiosk is offline.
      offline = await startKioskProcess({ KIOSK_PLATFORM_URL: 'http://127.0.0.1:9' });
    });
    afterAll(async () => {
      await offline?.stop();
    });

    test('e-mail request offline: queued in the outbox, the resident told it goes once online', async () => {
      await browser.page.setViewportSize(PORTRAIT);
      await ui.open(offline.url);
      await guideByInitials();
      await ui.tap('email-forms');
      await type('abc@qq.com');
      await ui.tap('email-send');
      await ui.byTestId('email-queued').waitFor();
      expect(await ui.byTestId('email-queued').getAttribute('data-online')).toBe('false');
      expect(await ui.byTestId('email-queued').textContent()).toContain('联网后会自动把表格发到 abc@qq.com');
      await check('email-queued-offline-zh', 24);
      await ui.tap('nav-language');
      expect(await ui.byTestId('email-queued').textContent()).toContain('as soon as it is back online');
      await check('email-queued-offline-en', 24);
    });
  });

  test('paper out while printing a form: plain words, the job kept, the resident’s place kept', async () => {
    await fresh();
    await ui.tap('tile-forms');
    await ui.byTestId('forms-count').waitFor();
    await ui.tap('pager-next');
    const status = await ui.byTestId('pager-status').textContent();
    await setPagePaper('out');
    try {
      await ui.tap('print-sample-F007');
      expect(await waitForPrint()).toMatch(/^failed: /);
      const code = await ui.byTestId('error-message').getAttribute('data-code');
      expect(['PRINTER_OUT_OF_PAPER', 'PRINTER_OFFLINE', 'PRINTER_ERROR']).toContain(code);
      await check('print-failed-zh', 24);
      await ui.tap('print-close');
      expect(await ui.byTestId('pager-status').textContent()).toBe(status);
    } finally {
      await setPagePaper('full');
    }
  });

  /** The demo's simulator controls, through the page's own window.kiosk (as the simulator panel does). */
  async function control(action: SimulatorAction): Promise<void> {
    const result = await browser.page.evaluate((a) => (globalThis as unknown as { kiosk: KioskApi }).kiosk.invoke('simulator.control', a), action);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }

  const setPagePaper = (level: 'out' | 'full') => control({ action: 'setPagePaper', level });
});
