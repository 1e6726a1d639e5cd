import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { El, InPage } from './in-page';

// Page model of the kiosk's first screens, and the checks every screen must pass.

export const SCREENSHOT_DIR = join(new URL('../../', import.meta.url).pathname, 'test-results', 'screenshots');

export const MIN_TARGET_PX = 60;
export const MIN_GAP_PX = 8;

/** What window.kiosk.invoke answers (contract/errors.ts Result), loosely typed for tests. */
export type KioskResult = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

export class KioskPage {
  constructor(readonly page: Page) {}

  /**
   * Opens the kiosk fresh. The URL differs from the loaded page only in its fragment (the
   * per-launch secret), which would be a same-document navigation keeping the old state: leave first.
   */
  async open(url: string): Promise<void> {
    await this.page.goto('about:blank');
    await this.page.goto(url);
    await this.page.getByTestId('home').waitFor({ timeout: 20_000 });
  }

  /** A channel through the page's own window.kiosk, as the screens (and the simulator panel) call it. */
  async invoke(channel: string, input: unknown): Promise<KioskResult> {
    return this.page.evaluate(
      ([c, i]) => (globalThis as unknown as { kiosk: { invoke(c: string, i: unknown): Promise<KioskResult> } }).kiosk.invoke(c as string, i),
      [channel, input] as const,
    );
  }

  /** Waits until main reports the device in `state` (the demo's ippeveprinter takes a moment to start). */
  async waitForDevice(id: string, state = 'online', timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const devices = ((await this.invoke('app.state', {})).value as { devices?: { id: string; state: string }[] } | undefined)?.devices ?? [];
      if (devices.some((d) => d.id === id && d.state === state)) return;
      if (Date.now() > deadline) throw new Error(`${id} not ${state} within ${timeoutMs} ms: ${JSON.stringify(devices)}`);
      await this.page.waitForTimeout(200);
    }
  }

  byTestId(id: string) {
    return this.page.getByTestId(id);
  }

  async tap(testId: string): Promise<void> {
    await this.page.getByTestId(testId).click();
  }

  async tapCorner(corner: 'top-left' | 'top-right', times = 5): Promise<void> {
    const box = await this.page.getByTestId(`corner-${corner}`).boundingBox();
    if (!box) throw new Error(`no ${corner} corner target`);
    for (let i = 0; i < times; i++) await this.page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  }

  async lang(): Promise<string | null> {
    return this.page.getByTestId('kiosk').getAttribute('data-lang');
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const viewport = this.page.viewportSize();
    const orientation = viewport && viewport.height > viewport.width ? 'portrait' : 'landscape';
    const path = join(SCREENSHOT_DIR, `${name}-${orientation}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** axe-core with every rule it runs by default (WCAG 2.0–2.2 A/AA and best practices). */
  async axeViolations(): Promise<{ id: string; help: string; targets: string[] }[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }

  /**
   * The project's own target check (axe only asks 24 px): every visible interactive element is at
   * least 60×60 px and at least 8 px from every other one. Returns the offenders.
   */
  async targetProblems(): Promise<string[]> {
    return this.page.evaluate(
      ({ min, gap }) => {
        const { document, getComputedStyle } = globalThis as unknown as InPage;
        const selector = 'button, a[href], input, select, textarea, [role="button"], [tabindex]:not([tabindex="-1"])';
        const visible = [...document.querySelectorAll(selector)].filter((el) => {
          if (el.closest('[inert]')) return false;
          const r = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
        });
        // What a finger can reach: the part of each element inside every clipping ancestor
        // (the screen area scrolls; a button half under the bottom bar is only half there).
        const visibleRect = (el: El) => {
          const r = el.getBoundingClientRect();
          let box = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
          for (let a = el.parentElement; a; a = a.parentElement) {
            const style = getComputedStyle(a);
            if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
            const c = a.getBoundingClientRect();
            box = { left: Math.max(box.left, c.left), right: Math.min(box.right, c.right), top: Math.max(box.top, c.top), bottom: Math.min(box.bottom, c.bottom) };
          }
          return box;
        };
        const name = (el: El) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
        const problems: string[] = [];
        for (const el of visible) {
          const r = el.getBoundingClientRect();
          if (r.width < min || r.height < min) problems.push(`${name(el)} is ${Math.round(r.width)}×${Math.round(r.height)} px`);
        }
        const rects = visible.map((el) => ({ el, r: visibleRect(el) })).filter(({ r }) => r.right > r.left && r.bottom > r.top);
        for (let i = 0; i < rects.length; i++) {
          for (let j = i + 1; j < rects.length; j++) {
            const a = rects[i]!.r;
            const b = rects[j]!.r;
            const dx = Math.max(0, b.left - a.right, a.left - b.right);
            const dy = Math.max(0, b.top - a.bottom, a.top - b.bottom);
            if (Math.max(dx, dy) < gap - 0.5) problems.push(`${name(rects[i]!.el)} and ${name(rects[j]!.el)} are ${Math.max(dx, dy).toFixed(1)} px apart`);
          }
        }
        return problems;
      },
      { min: MIN_TARGET_PX, gap: MIN_GAP_PX },
    );
  }

  /**
   * Layout check: nothing wider than the screen, no text clipped inside its box, the header,
   * notices, screen and bottom bar stacked without overlapping, and no text below `minPx`.
   */
  async layoutProblems(minPx: number): Promise<string[]> {
    return this.page.evaluate((min) => {
      const { document, window, getComputedStyle, NodeFilter } = globalThis as unknown as InPage;
      const problems: string[] = [];
      const root = document.documentElement;
      if (root.scrollWidth > window.innerWidth + 1) problems.push(`page is ${root.scrollWidth}px wide in a ${window.innerWidth}px window`);
      for (const el of document.querySelectorAll('.button, .tile, .message, .prompt, .brand, .clock')) {
        if (el.closest('[inert]')) continue;
        if (el.scrollWidth > el.clientWidth + 1) problems.push(`text overflows ${el.className} "${(el.textContent ?? '').slice(0, 30)}"`);
      }
      const regions = ['.kiosk-header', '.notices', '.kiosk-main', '.bottom-bar']
        .map((s) => ({ s, r: document.querySelector(s)?.getBoundingClientRect() }))
        .filter((x): x is { s: string; r: NonNullable<typeof x.r> } => x.r !== undefined && x.r.height > 0);
      for (let i = 1; i < regions.length; i++) {
        if (regions[i]!.r.top < regions[i - 1]!.r.bottom - 0.5) problems.push(`${regions[i]!.s} overlaps ${regions[i - 1]!.s}`);
      }
      const bottom = regions.at(-1);
      if (bottom && bottom.r.bottom > window.innerHeight + 0.5) problems.push('the bottom bar is pushed off the screen');
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !(node.textContent ?? '').trim() || parent.closest('[inert]')) continue;
        const r = parent.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const size = parseFloat(getComputedStyle(parent).fontSize);
        if (size < min) problems.push(`"${(node.textContent ?? '').trim().slice(0, 20)}" is ${size}px`);
      }
      return problems;
    }, minPx);
  }
}
