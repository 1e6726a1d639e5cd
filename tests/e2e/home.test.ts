import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LANDSCAPE, openBrowser, PORTRAIT, type Browser, type Viewport } from '../support/browser';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process';
import { needs } from '../support/system';
import type { InPage } from './in-page';
import { KioskPage } from './kiosk-page';

// The first screens end to end: the real kiosk (demo profile) through the browser shell, in
// Debian's Chromium. Every screen is checked by axe-core, by the project's 60 px target rule and
// by a layout check, and photographed in portrait and landscape into test-results/screenshots/.

const TILE_NAMES_ZH = ['办事指南', '证明打印', '进度查询', '结果查询与打印', '表格下载', '取号/凭条'];
const TILE_NAMES_EN = ['Service guides', 'Certificate printing', 'Application progress', 'Results and documents', 'Forms', 'Queue tickets and slips'];

describe.skipIf(!needs('chromium', 'chromium'))('kiosk home and first screens (Chromium, browser shell)', () => {
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

  const tileNames = () => browser.page.locator('.tile-name').allTextContents();

  test('home renders in Chinese, in English and in elderly mode', async () => {
    await ui.open(kiosk.url);
    expect(browser.page.url()).not.toContain('secret');
    expect(await tileNames()).toEqual(TILE_NAMES_ZH);
    expect(await browser.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await ui.layoutProblems(24)).toEqual([]);

    await ui.tap('nav-language');
    expect(await tileNames()).toEqual(TILE_NAMES_EN);
    expect(await browser.page.locator('html').getAttribute('lang')).toBe('en');

    await ui.tap('nav-language');
    await ui.tap('nav-elderly');
    expect(await ui.byTestId('kiosk').getAttribute('data-elderly')).toBe('true');
    expect(await tileNames()).toEqual(TILE_NAMES_ZH);
    expect(await ui.layoutProblems(32)).toEqual([]);
  });

  /** Each screen: how to reach it from a fresh home, and its minimum text size. */
  const screens: { name: string; minPx: number; reach: () => Promise<void> }[] = [
    { name: 'home-zh', minPx: 24, reach: async () => {} },
    { name: 'home-en', minPx: 24, reach: () => ui.tap('nav-language') },
    {
      name: 'home-elderly-zh',
      minPx: 32,
      reach: () => ui.tap('nav-elderly'),
    },
    {
      name: 'home-elderly-en',
      minPx: 32,
      reach: async () => {
        await ui.tap('nav-elderly');
        await ui.tap('nav-language');
      },
    },
    { name: 'help', minPx: 24, reach: () => ui.tap('nav-help') },
    {
      name: 'help-elderly-en',
      minPx: 32,
      reach: async () => {
        await ui.tap('nav-elderly');
        await ui.tap('nav-language');
        await ui.tap('nav-help');
      },
    },
    {
      name: 'maintenance-pin',
      minPx: 24,
      reach: async () => {
        await ui.tapCorner('top-left');
        for (const digit of ['1', '2', '3', '4']) await browser.page.getByRole('button', { name: `数字 ${digit}` }).click();
        await browser.page.getByRole('button', { name: '确认' }).click();
        // Not the demo PIN: the kiosk answers PIN_WRONG, shown in plain words with attempts left.
        await ui.byTestId('error-message').waitFor();
        expect(await ui.byTestId('error-message').textContent()).toContain('还可以再试');
      },
    },
    {
      name: 'maintenance-home',
      minPx: 24,
      reach: async () => {
        await ui.tapCorner('top-left');
        // The demo profile's technician PIN (main/config/load.ts).
        for (const digit of '246810') await browser.page.getByRole('button', { name: `数字 ${digit}` }).click();
        await browser.page.getByRole('button', { name: '确认' }).click();
        await ui.byTestId('maintenance-home').waitFor();
      },
    },
    {
      name: 'simulator-panel',
      minPx: 24,
      reach: async () => {
        await ui.tapCorner('top-right');
        await ui.byTestId('simulator-panel').waitFor();
      },
    },
  ];

  for (const viewport of [PORTRAIT, LANDSCAPE] satisfies Viewport[]) {
    const orientation = viewport === PORTRAIT ? 'portrait' : 'landscape';
    test.each(screens)(`$name (${orientation}): axe finds nothing, targets ≥ 60 px, nothing overlaps`, async ({ name, minPx, reach }) => {
      await browser.page.setViewportSize(viewport);
      await ui.open(kiosk.url);
      await reach();
      await ui.screenshot(name);
      expect(await ui.axeViolations()).toEqual([]);
      expect(await ui.targetProblems()).toEqual([]);
      expect(await ui.layoutProblems(minPx)).toEqual([]);
    });
  }

  test('navigation escape attempts fail', async () => {
    // A page of its own whose history starts at the kiosk, as Chromium --app and Electron start it.
    const page = await browser.context.newPage();
    await page.setViewportSize(PORTRAIT);
    const own = new KioskPage(page);
    try {
      await page.goto(kiosk.url);
      await own.byTestId('home').waitFor();
      const pagesBefore = browser.context.pages().length;

      expect(await page.evaluate(() => (globalThis as unknown as InPage).window.open('https://example.com/') === null)).toBe(true);
      await page.evaluate(() => {
        (globalThis as unknown as InPage).window.location.href = 'https://example.com/';
      });
      await page.evaluate(() => {
        (globalThis as unknown as InPage).window.location.assign('http://127.0.0.2:9/elsewhere');
      });
      await page.evaluate(() => {
        const { document } = globalThis as unknown as InPage;
        const a = document.createElement('a');
        a.href = 'https://example.com/';
        a.target = '_blank';
        document.body.append(a);
        a.click();
        a.remove();
      });
      await page.waitForTimeout(300);
      expect(new URL(page.url()).origin).toBe(kiosk.origin);
      expect(browser.context.pages()).toHaveLength(pagesBefore);
      expect(await own.byTestId('home').isVisible()).toBe(true);

      // Back (the browser's, the keyboard's, history's) never leaves the app.
      await own.tap('nav-help');
      await page.goBack().catch(() => null);
      await page.evaluate(() => (globalThis as unknown as InPage).history.go(-5));
      await page.keyboard.press('Alt+ArrowLeft');
      await page.waitForTimeout(300);
      expect(new URL(page.url()).origin).toBe(kiosk.origin);
      expect(await own.byTestId('kiosk').isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });

  describe('idle countdown and wipe (page clock)', () => {
    // Playwright's clock drives the page's own timers: the app has no test hook for idle timings.
    // app.info gives 90 s (180 s in elderly mode) and a 30 s countdown; the test jumps through them.
    const countdownShows = async (seconds: number) => {
      const page = browser.page;
      await page.getByTestId('idle-countdown').waitFor();
      await page.locator('.idle-seconds', { hasText: new RegExp(`^${seconds}$`) }).waitFor();
    };
    const tick = async (from: number, to: number) => {
      for (let s = from - 1; s >= to; s--) {
        await browser.page.clock.fastForward(1_000);
        if (s > 0) await countdownShows(s);
      }
    };

    test('countdown after 90 s; a tap on it keeps the session and does not press what lies under it', async () => {
      const page = browser.page;
      await page.setViewportSize(PORTRAIT);
      await page.clock.install();
      await ui.open(kiosk.url);
      await ui.tap('nav-help');
      await page.clock.fastForward(89_000);
      expect(await ui.byTestId('idle-countdown').count()).toBe(0);
      await page.clock.fastForward(1_000);
      await countdownShows(30);
      expect(await ui.byTestId('idle-countdown').textContent()).toContain('需要更多时间吗？');
      await ui.screenshot('idle-countdown');
      expect(await ui.axeViolations()).toEqual([]);
      expect(await ui.targetProblems()).toEqual([]);

      // A finger (touch events, not a mouse) exactly where the "home" button lies under the overlay.
      const home = await ui.byTestId('nav-home').boundingBox();
      if (!home) throw new Error('no home button');
      await page.touchscreen.tap(home.x + home.width / 2, home.y + home.height / 2);
      await ui.byTestId('idle-countdown').waitFor({ state: 'detached' });
      expect(await ui.byTestId('help').isVisible()).toBe(true);
    });

    test('at zero the session is wiped: home, Chinese, normal mode', async () => {
      const page = browser.page;
      await page.setViewportSize(LANDSCAPE);
      await ui.open(kiosk.url);
      await ui.tap('nav-language');
      await ui.tap('nav-elderly');
      await ui.tap('nav-help');
      // Elderly mode: still nothing after 90 s, the countdown at 180 s.
      await page.clock.fastForward(90_000);
      expect(await ui.byTestId('idle-countdown').count()).toBe(0);
      await page.clock.fastForward(90_000);
      await countdownShows(30);
      expect(await ui.byTestId('idle-countdown').textContent()).toContain('Do you need more time?');
      await ui.screenshot('idle-countdown-elderly-en');
      await tick(30, 0);
      await ui.byTestId('home').waitFor();
      expect(await ui.byTestId('idle-countdown').count()).toBe(0);
      expect(await ui.byTestId('help').count()).toBe(0);
      expect(await ui.lang()).toBe('zh-CN');
      expect(await ui.byTestId('kiosk').getAttribute('data-elderly')).toBe('false');
      expect(await tileNames()).toEqual(TILE_NAMES_ZH);
    });
  });
});
