import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowser, PORTRAIT, type Browser } from '../support/browser';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process';
import { needs } from '../support/system';
import { KioskPage } from './kiosk-page';

// The demo's simulator panel drives the real services: cutting the network shows the offline
// banner (from real sync state: the heartbeat's upload fails), restoring it clears it; inserting a
// sample ID card shows only masked data. Everything through the browser shell in Chromium.

describe.skipIf(!needs('chromium', 'chromium'))('simulator panel → real kiosk state (Chromium)', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let ui: KioskPage;

  beforeAll(async () => {
    kiosk = await startKioskProcess();
    browser = await openBrowser(PORTRAIT);
    ui = new KioskPage(browser.page);
    await ui.open(kiosk.url);
  });

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  const panelButton = (name: string) => browser.page.getByRole('button', { name, exact: true });

  test('cutting the network shows the offline banner; restoring it clears the banner', async () => {
    const page = browser.page;
    await page.keyboard.press('F9');
    await ui.byTestId('simulator-panel').waitFor();
    await panelButton('断开网络').click();
    await page.getByTestId('offline-banner').waitFor({ timeout: 20_000 });
    await ui.screenshot('demo-offline-banner');
    await panelButton('恢复网络').click();
    await page.getByTestId('offline-banner').waitFor({ state: 'detached', timeout: 30_000 });
  });

  test('a sample ID card reaches the UI masked, never in full', async () => {
    const page = browser.page;
    const events: string[] = [];
    await page.exposeFunction('__record', (s: string) => void events.push(s));
    await page.evaluate(() => {
      const kiosk = (globalThis as unknown as { kiosk: { on(e: string, cb: (p: unknown) => void): void } }).kiosk;
      kiosk.on('card.inserted', (p) => (globalThis as unknown as { __record(s: string): void }).__record(JSON.stringify(p)));
    });
    const insert = page.getByRole('button', { name: /放入身份证 · R001/ });
    await insert.click();
    await expect.poll(() => events.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(JSON.parse(events[0]!)).toEqual({ kind: 'id-card', maskedName: '张*', maskedNumber: '440105********9994' });
    expect(await page.content()).not.toMatch(/张三|440105195803129994/);
  });
});
