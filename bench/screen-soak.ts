// The screen over a long day (KIOSK-UX pain points 6 and 8: a renderer that grows until it dies
// into a white screen). Debian's Chromium shows the demo kiosk through the browser shell and taps
// through resident visits: 办事指南 → search "hjzm" → 户籍证明's guide → home, then 开具证明 → ID
// card on the pty → 户籍证明 rendered by pdf.js → card out → home. After a warm-up and after the run,
// a forced garbage collection, then the JS heap and the DOM counters (nodes, listeners, documents)
// as Chromium's DevTools protocol reports them; ratio = warm-up / end (1 = flat).
// `npx tsx bench/screen-soak.ts [visits]` prints the rows. Needs `chromium`.
import { existsSync } from 'node:fs';
import { KioskPage } from '../tests/e2e/kiosk-page';
import { CHROMIUM_PATH, openBrowser, PORTRAIT } from '../tests/support/browser';
import { startKioskProcess } from '../tests/support/kiosk-process';
import type { BenchRow } from './table';

const WARM_UP = 10;
const MAX_GROWTH = 1.2;

type Sample = { heapMiB: number; nodes: number; listeners: number; documents: number };

async function visit(ui: KioskPage): Promise<void> {
  await ui.tap('tile-guides');
  await ui.tap('guides-search');
  for (const key of 'hjzm') await ui.tap(`key-${key}`);
  await ui.byTestId('item-HZ-JD-001').waitFor();
  await ui.tap('item-HZ-JD-001');
  await ui.byTestId('guide-sections').waitFor();
  await ui.tap('nav-home');
  await ui.byTestId('home').waitFor();

  await ui.tap('tile-certificates');
  await ui.byTestId('identify').waitFor();
  await ui.invoke('simulator.control', { action: 'insertIdCard', residentId: 'R001' });
  await ui.byTestId('certificates').waitFor();
  await ui.tap('cert-household');
  await ui.page.locator('[data-testid="pdf-preview"][data-phase="ready"] img.cert-page').first().waitFor({ timeout: 60_000 });
  await ui.invoke('simulator.control', { action: 'removeIdCard' });
  await ui.tap('nav-home');
  await ui.byTestId('home').waitFor();
}

export async function benchScreenSoak(options: { visits?: number } = {}): Promise<BenchRow[]> {
  if (!existsSync(CHROMIUM_PATH)) return [{ name: `screen soak skipped: ${CHROMIUM_PATH} missing (apt-get install chromium)`, value: Number.NaN, unit: '' }];
  const visits = options.visits ?? Number(process.env.BENCH_SCREEN_VISITS ?? 60);
  const kiosk = await startKioskProcess();
  const browser = await openBrowser(PORTRAIT);
  try {
    const ui = new KioskPage(browser.page);
    await ui.open(kiosk.url);
    const cdp = await browser.context.newCDPSession(browser.page);
    const sample = async (): Promise<Sample> => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const dom = (await cdp.send('Memory.getDOMCounters')) as { documents: number; nodes: number; jsEventListeners: number };
      return { heapMiB: heap.usedSize / 2 ** 20, nodes: dom.nodes, listeners: dom.jsEventListeners, documents: dom.documents };
    };
    for (let n = 0; n < WARM_UP; n++) await visit(ui);
    const before = await sample();
    const start = performance.now();
    for (let n = WARM_UP; n < visits; n++) await visit(ui);
    const perVisit = (performance.now() - start) / Math.max(1, visits - WARM_UP);
    const after = await sample();
    const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
    return [
      {
        name: `screen JS heap after ${visits} visits (guide by "hjzm", certificate preview by pdf.js) (alternative: after the ${WARM_UP}-visit warm-up)`,
        value: Number(after.heapMiB.toFixed(1)),
        unit: 'MiB',
        baseline: Number(before.heapMiB.toFixed(1)),
        ratio: ratio(before.heapMiB, after.heapMiB),
        target: `≤ ${MAX_GROWTH}× the warm-up`,
        ok: after.heapMiB <= before.heapMiB * MAX_GROWTH,
      },
      { name: 'screen DOM nodes at home after the run (alternative: after the warm-up)', value: after.nodes, unit: 'nodes', baseline: before.nodes, ratio: ratio(before.nodes, after.nodes) },
      { name: 'screen JS event listeners after the run (alternative: after the warm-up)', value: after.listeners, unit: 'listeners', baseline: before.listeners, ratio: ratio(before.listeners, after.listeners) },
      { name: 'one such visit, tapped end to end in Chromium (mean after the warm-up)', value: Math.round(perVisit), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await kiosk.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const visits = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const row of await benchScreenSoak(visits === undefined ? {} : { visits })) console.log(row);
}
