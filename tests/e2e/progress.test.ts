import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { KioskApi } from '../../contract/api';
import type { ChannelName, RequestOf, ResponseOf, SimulatorAction } from '../../contract/channels';
import type { Result } from '../../contract/errors';
import { sendControl } from '../../main/control/control-socket';
import { decodeTicket, type DecodedTicket } from '../../devices/ticket-printer';
import { LANDSCAPE, openBrowser, PORTRAIT, type Browser, type Viewport } from '../support/browser';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process';
import { needs } from '../support/system';
import { KioskPage } from './kiosk-page';

// Progress, results and 取号/凭条 end to end: the real demo kiosk (platform simulator, ticket
// printer simulator on a real pty, a real ippeveprinter) through the browser shell in Chromium.
// Tickets are read back from the ESC/POS bytes the simulated printer received, fetched through the
// demo-only `slips.demoJobs` channel (like the simulator panel, it exists in the demo profile only)
// and decoded here with the device's own decoder.

type Mode = { name: string; en: boolean; elderly: boolean; minPx: number; viewport?: Viewport };
const MODES: Mode[] = [
  { name: 'zh', en: false, elderly: false, minPx: 24 },
  { name: 'en', en: true, elderly: false, minPx: 24 },
  { name: 'elderly-zh', en: false, elderly: true, minPx: 32 },
  { name: 'landscape-elderly-en', en: true, elderly: true, minPx: 32, viewport: LANDSCAPE },
];

describe.skipIf(!needs('chromium', 'chromium'))('progress, results and slips (Chromium, browser shell)', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let ui: KioskPage;
  let kioskId = '';

  beforeAll(async () => {
    kiosk = await startKioskProcess();
    browser = await openBrowser(PORTRAIT);
    ui = new KioskPage(browser.page);
    await ui.open(kiosk.url);
    kioskId = (await invoke('app.info', {})).kioskId;
  });

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  /** A channel through the page's own window.kiosk (as the simulator panel uses it). */
  async function invoke<C extends ChannelName>(channel: C, input: RequestOf<C>): Promise<ResponseOf<C>> {
    const result = (await browser.page.evaluate(
      ([c, i]) => (globalThis as unknown as { kiosk: KioskApi }).kiosk.invoke(c as ChannelName, i as never),
      [channel, input] as const,
    )) as Result<ResponseOf<C>>;
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }
  const control = async (action: SimulatorAction) => void (await invoke('simulator.control', action));

  /** Every ticket the simulated printer received so far, decoded from its ESC/POS bytes. */
  async function tickets(): Promise<(DecodedTicket & { printed: boolean })[]> {
    const { jobs } = await invoke('slips.demoJobs', {});
    return jobs.map((j) => ({ ...decodeTicket(new Uint8Array(Buffer.from(j.bytes, 'base64'))), printed: j.printed }));
  }

  async function check(name: string, minPx: number): Promise<void> {
    await ui.screenshot(`progress-${name}`);
    expect(await ui.axeViolations(), name).toEqual([]);
    expect(await ui.targetProblems(), name).toEqual([]);
    expect(await ui.layoutProblems(minPx), name).toEqual([]);
  }

  async function fresh(mode: Mode = MODES[0]!): Promise<void> {
    await browser.page.setViewportSize(mode.viewport ?? PORTRAIT);
    await ui.open(kiosk.url);
    if (mode.en) await ui.tap('nav-language');
    if (mode.elderly) await ui.tap('nav-elderly');
  }

  async function typeDigits(digits: string): Promise<void> {
    for (const d of digits) await ui.tap(`digit-${d}`);
  }

  async function waitForPrint(): Promise<string | null> {
    await browser.page.locator('[data-testid="pg-print"]:is([data-phase="done"], [data-phase="failed"])').waitFor({ timeout: 90_000 });
    const phase = await ui.byTestId('pg-print').getAttribute('data-phase');
    return phase === 'failed' ? `failed: ${await ui.byTestId('error-message').getAttribute('data-code')}` : phase;
  }

  async function waitOnline(): Promise<void> {
    await ui.byTestId('offline-banner').waitFor({ state: 'detached', timeout: 30_000 });
  }

  test('progress by number online: status and steps shown, a slip printed whose ESC/POS decodes to the case and its QR', async () => {
    await fresh();
    await waitOnline();
    await ui.tap('tile-progress');
    await ui.byTestId('number-pad').waitFor();
    // Too short first: said plainly.
    await typeDigits('2026');
    await ui.tap('progress-search');
    expect(await ui.byTestId('progress-incomplete').textContent()).toContain('还差 10 位');
    await typeDigits('1120001283');
    expect(await ui.byTestId('progress-number').textContent()).toBe('HZ-20261120-001283');
    await check('entry-zh', 24);
    await ui.tap('progress-search');
    await ui.byTestId('case-details').waitFor({ timeout: 30_000 });
    expect(await ui.byTestId('case-status').textContent()).toBe('当前状态：办理中');
    expect(await browser.page.locator('[data-testid="case-steps"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['done', 'current', 'pending']);
    expect(await ui.byTestId('case-next').textContent()).toBe('下一步：审核');
    await ui.byTestId('case-slip').and(browser.page.locator(':enabled')).waitFor({ timeout: 20_000 });
    await check('case-zh', 24);

    const before = (await tickets()).length;
    await ui.tap('case-slip');
    expect(await waitForPrint()).toBe('done');
    expect(await ui.byTestId('pg-print-done').textContent()).toBe('打印完成，请取走凭条');
    await check('slip-done-zh', 24);
    const all = await tickets();
    expect(all.length).toBe(before + 1);
    const slip = all.at(-1)!;
    const text = slip.lines.map((l) => l.text);
    expect(text).toContain('申请编号：HZ-20261120-001283');
    expect(text).toContain('状态：办理中');
    expect(text).toContain('下一步：审核');
    expect(text).toContain(`自助机：${kioskId}`);
    expect(slip.qr.map((q) => q.data)).toEqual(['https://zwfw.haizhu.gov.cn/progress?no=HZ-20261120-001283']);
    expect(slip.cuts).toBe(1);
    expect(slip.printed).toBe(true);
    await ui.tap('pg-print-ok');
    // Back on the case, then back to the entry with the number kept.
    await ui.tap('nav-back');
    expect(await ui.byTestId('progress-number').textContent()).toBe('HZ-20261120-001283');
  });

  test('an unknown number: said plainly, with a way back', async () => {
    await fresh();
    await waitOnline();
    await ui.tap('tile-progress');
    await typeDigits('20990101000001');
    await ui.tap('progress-search');
    await ui.byTestId('error-message').waitFor({ timeout: 30_000 });
    expect(await ui.byTestId('error-message').getAttribute('data-code')).toBe('RECORD_NOT_FOUND');
    await check('not-found-zh', 24);
  });

  test('offline: progress and results say they need the network and offer guides and forms', async () => {
    await control({ action: 'setNetwork', online: false });
    try {
      await fresh();
      await ui.tap('tile-progress');
      await ui.byTestId('progress-offline').waitFor({ timeout: 20_000 });
      expect(await browser.page.locator('#progress-offline-prompt').textContent()).toBe('进度查询需要联网');
      expect(await ui.byTestId('progress-offline').textContent()).toContain('本机现在连不上网络');
      await check('offline-zh', 24);
      await ui.tap('nav-language');
      expect(await browser.page.locator('#progress-offline-prompt').textContent()).toBe('Progress needs the network');
      await check('offline-en', 24);
      await ui.tap('offline-guides');
      await ui.byTestId('entry-fgj').waitFor();
      await ui.tap('nav-home');
      await ui.tap('tile-results');
      await ui.byTestId('progress-offline').waitFor({ timeout: 20_000 });
      await ui.tap('offline-forms');
      await ui.byTestId('forms-count').waitFor();
    } finally {
      await control({ action: 'setNetwork', online: true });
    }
  });

  test('queue ticket: number, category, people waiting and QR decoded from the ESC/POS bytes', async () => {
    await fresh();
    await ui.tap('tile-slips');
    await ui.byTestId('queue-social-security').waitFor({ timeout: 20_000 });
    await check('slips-zh', 24);
    const waitingBefore = await ui.byTestId('queue-social-security').textContent();
    const before = (await tickets()).length;
    await ui.tap('queue-social-security');
    expect(await waitForPrint()).toBe('done');
    const number = await ui.byTestId('queue-ticket').getAttribute('data-number');
    expect(number).toMatch(/^A\d{3}$/);
    await check('queue-done-zh', 24);
    const all = await tickets();
    expect(all.length).toBe(before + 1);
    const ticket = all.at(-1)!;
    const text = ticket.lines.map((l) => l.text);
    expect(ticket.lines.find((l) => l.text === number)).toMatchObject({ width: 2, height: 2, bold: true, align: 'center' });
    expect(text).toContain('业务：社保医保');
    const waiting = Number(/(\d+)/.exec(waitingBefore ?? '')?.[1]);
    expect(text).toContain(`前面还有 ${waiting} 人`);
    expect(ticket.qr.map((q) => q.data)).toEqual([`https://zwfw.haizhu.gov.cn/queue?k=${encodeURIComponent(kioskId)}&n=${number!}`]);
    expect(ticket.printed).toBe(true);
    await ui.tap('pg-print-ok');
    // The number now waits too.
    expect(await ui.byTestId('queue-social-security').textContent()).toContain(`等候 ${waiting + 1} 人`);
    // The hall's calling system calls a number through the kiosk's control socket: one fewer waits.
    expect(await sendControl(kiosk.dataDir, 'queue.call', { category: 'social-security' })).toEqual({ called: '1' });
    await ui.tap('nav-back');
    await ui.tap('tile-slips');
    await ui.byTestId('queue-social-security').waitFor({ timeout: 20_000 });
    expect(await ui.byTestId('queue-social-security').textContent()).toContain(`等候 ${waiting} 人`);
  });

  test('ticket paper low and out are said before the resident waits', async () => {
    await control({ action: 'setTicketPaper', level: 'low' });
    try {
      await fresh();
      await ui.tap('tile-slips');
      await ui.byTestId('paper-low').waitFor({ timeout: 20_000 });
      expect(await ui.byTestId('queue-general').isEnabled()).toBe(true);
      await check('paper-low-zh', 24);

      await control({ action: 'setTicketPaper', level: 'out' });
      await fresh();
      await ui.tap('tile-slips');
      await ui.byTestId('error-message').waitFor({ timeout: 20_000 });
      expect(await ui.byTestId('error-message').getAttribute('data-code')).toBe('PRINTER_OUT_OF_PAPER');
      expect(await ui.byTestId('error-message').textContent()).toContain('凭条打印机没有纸了');
      expect(await ui.byTestId('queue-general').isDisabled()).toBe(true);
      await check('paper-out-zh', 24);

      // The same on a progress case: the slip is not offered.
      await ui.tap('nav-home');
      await ui.tap('tile-progress');
      await typeDigits('20261120001283');
      await ui.tap('progress-search');
      await ui.byTestId('case-details').waitFor({ timeout: 30_000 });
      await ui.byTestId('error-message').waitFor({ timeout: 20_000 });
      expect(await ui.byTestId('case-slip').isDisabled()).toBe(true);
    } finally {
      await control({ action: 'setTicketPaper', level: 'full' });
    }
  });

  test('results through the identify screen: finished cases, a result document printed on ippeveprinter, a receipt for it; then my applications', async () => {
    await fresh();
    await waitOnline();
    try {
      await ui.tap('tile-results');
      // Nobody identified yet: the shared identify screen asks for a card and comes back here.
      await ui.byTestId('identify').waitFor({ timeout: 20_000 });
      await control({ action: 'insertIdCard', residentId: 'R001' });
      await ui.byTestId('result-HZ-20261102-000417').waitFor({ timeout: 30_000 });
      expect(await ui.byTestId('results-count').textContent()).toBe('共 1 件已办结');
      expect(await ui.byTestId('result-HZ-20261102-000417').getAttribute('data-outcome')).toBe('approved');
      expect(await browser.page.content()).not.toMatch(/张三|440105195803129994/);
      await check('results-zh', 24);
      await ui.tap('print-DOC-000417-1');
      expect(await waitForPrint()).toBe('done');
      expect(await ui.byTestId('pg-print-done').textContent()).toBe('打印完成，请取走您的文件');
      await check('document-done-zh', 24);

      // A receipt for what this visit printed, offered on the spot.
      const before = (await tickets()).length;
      await ui.tap('pg-print-receipt');
      expect(await waitForPrint()).toBe('done');
      const all = await tickets();
      expect(all.length).toBe(before + 1);
      const receipt = all.at(-1)!;
      expect(receipt.lines.map((l) => l.text)).toContain('本次共打印 1 份');
      expect(receipt.lines.some((l) => l.text.includes('结果文书 DOC-000417-1'))).toBe(true);
      expect(receipt.printed).toBe(true);
      await ui.tap('pg-print-ok');
      await ui.byTestId('printed-DOC-000417-1').waitFor();

      // Back (not home, which ends the visit): my applications by card.
      await ui.tap('nav-back');
      await ui.tap('tile-progress');
      await ui.byTestId('progress-by-card').waitFor();
      expect(await ui.byTestId('progress-by-card').textContent()).toBe('查看 张* 的全部办件');
      await ui.tap('progress-by-card');
      await ui.byTestId('case-HZ-20261120-001283').waitFor({ timeout: 30_000 });
      await check('mine-zh', 24);
      await ui.tap('case-HZ-20261102-000417');
      await ui.byTestId('case-details').waitFor({ timeout: 30_000 });
      expect(await ui.byTestId('case-status').textContent()).toBe('当前状态：已办结');
    } finally {
      await control({ action: 'removeIdCard' });
      await invoke('session.wipe', { reason: 'finished' });
    }
  });

  describe.each(MODES.slice(1))('new screens in $name', (mode) => {
    test('entry, case, slips, results and the print overlay: axe clean, targets ≥ 60 px, nothing overlaps', async () => {
      await fresh(mode);
      await waitOnline();
      await ui.tap('tile-progress');
      await typeDigits('20261015000952');
      await check(`entry-${mode.name}`, mode.minPx);
      await ui.tap('progress-search');
      await ui.byTestId('case-details').waitFor({ timeout: 30_000 });
      await ui.byTestId('case-slip').and(browser.page.locator(':enabled')).waitFor({ timeout: 20_000 });
      await check(`case-${mode.name}`, mode.minPx);
      await ui.tap('nav-home');
      await ui.tap('tile-slips');
      await ui.byTestId('queue-general').waitFor({ timeout: 20_000 });
      await check(`slips-${mode.name}`, mode.minPx);
      await ui.tap('queue-general');
      expect(await waitForPrint()).toBe('done');
      await check(`queue-done-${mode.name}`, mode.minPx);
      await ui.tap('pg-print-ok');
      await ui.tap('nav-home');
      await ui.tap('tile-results');
      await ui.byTestId('identify').waitFor({ timeout: 20_000 });
      await control({ action: 'insertIdCard', residentId: 'R005' });
      try {
        await ui.byTestId('result-HZ-20261108-000688').waitFor({ timeout: 30_000 });
        await check(`results-${mode.name}`, mode.minPx);
      } finally {
        await control({ action: 'removeIdCard' });
        await invoke('session.wipe', { reason: 'finished' });
      }
    });
  });

  describe('idle in the middle of each flow wipes the session (page clock)', () => {
    const idleOut = async () => {
      const page = browser.page;
      await page.clock.fastForward(90_000);
      await ui.byTestId('idle-countdown').waitFor();
      for (let s = 0; s < 31; s++) await page.clock.fastForward(1_000);
      await ui.byTestId('home').waitFor();
    };

    test('progress (number half typed), results (resident identified) and slips (ticket taken): home, and nothing of the resident left', async () => {
      const page = browser.page;
      await page.setViewportSize(PORTRAIT);
      await page.clock.install();
      await ui.open(kiosk.url);
      await waitOnline();

      await ui.tap('tile-progress');
      await typeDigits('2026112');
      await idleOut();
      await ui.tap('tile-progress');
      expect(await ui.byTestId('progress-number').textContent()).toBe('HZ-________-______');

      await ui.tap('nav-home');
      await ui.tap('tile-results');
      await ui.byTestId('identify').waitFor({ timeout: 20_000 });
      await control({ action: 'insertIdCard', residentId: 'R001' });
      await ui.byTestId('result-HZ-20261102-000417').waitFor({ timeout: 30_000 });
      await idleOut();
      expect((await invoke('session.current', {})).identified).toBe(false);
      expect(await page.content()).not.toMatch(/高龄老人津贴/);
      await control({ action: 'removeIdCard' });

      await ui.tap('tile-slips');
      await ui.byTestId('queue-household').waitFor({ timeout: 20_000 });
      await ui.tap('queue-household');
      expect(await waitForPrint()).toBe('done');
      await idleOut();
      expect(await ui.byTestId('pg-print').count()).toBe(0);
    });
  });
});
