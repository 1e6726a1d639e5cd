import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with the flags this closed network needs (STACK.md). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export type Viewport = { width: number; height: number };
export const PORTRAIT: Viewport = { width: 1080, height: 1920 };
export const LANDSCAPE: Viewport = { width: 1920, height: 1080 };

export type Browser = { context: BrowserContext; page: Page; close(): Promise<void> };

export async function openBrowser(viewport: Viewport = PORTRAIT): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'kiosk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    locale: 'zh-CN',
    hasTouch: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
