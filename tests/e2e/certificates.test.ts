import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LANDSCAPE, openBrowser, PORTRAIT, type Browser } from '../support/browser';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process';
import { needs } from '../support/system';
import { KioskPage } from './kiosk-page';

// Issue #6 end to end: the real demo kiosk (ID and social-security card simulators on real ptys,
// a real ippeveprinter, the platform simulator) through the browser shell in Debian's Chromium.
// Identification, both certificates previewed (PDF.js under the kiosk's CSP) and printed, paper
// out (before the job, and part-way through it) and its recovery without a duplicate, every card
// problem (unreadable, expired, bank card, another person's), readers unplugged, card removal,
// idle. Every new screen is checked by axe-core, the 60 px target rule and the layout check,
// and photographed.

const ZHANG = { name: '张三', idNumber: '440105195803129994' };


describe.skipIf(!needs('chromium', 'chromium') || !needs('ippeveprinter', 'cups-ipp-utils'))('certificates (Chromium, browser shell, simulators, ippeveprinter)', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let ui: KioskPage;
  // The kiosk's own temp dir: its ippeveprinter spools every job it prints under it.
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'kiosk-e2e-cert-tmp-'));
    kiosk = await startKioskProcess({ TMPDIR: tmp });
    browser = await openBrowser(PORTRAIT);
    ui = new KioskPage(browser.page);
    // PDF.js must run under the kiosk's CSP as it is: no worker, eval or fetch refused.
    browser.page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    browser.page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  const consoleErrors: string[] = [];

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const invoke = (channel: string, input: unknown) => ui.invoke(channel, input);
  const control = async (action: Record<string, unknown>) => {
    const r = await invoke('simulator.control', action);
    expect(r.ok, JSON.stringify(r)).toBe(true);
  };
  const identified = async () => ((await invoke('session.current', {})).value as { identified: boolean }).identified;

  /** A fresh visit: no card in either reader, paper in the printer, main's session empty, home. */
  async function freshVisit() {
    await openKiosk();
    await control({ action: 'removeIdCard' });
    await control({ action: 'removeSsCard' });
    await control({ action: 'setPagePaper', level: 'full' });
    await invoke('session.wipe', { reason: 'finished' });
    await openKiosk();
    expect(await identified()).toBe(false);
  }

  /** Opens the kiosk; a start that shows no home screen leaves its picture and page text behind. */
  async function openKiosk() {
    try {
      await ui.open(kiosk.url);
    } catch (error) {
      await ui.screenshot('cert-open-failed');
      throw new Error(`home did not show: ${await browser.page.locator('body').innerText().catch(() => '?')}\n${kiosk.output().slice(-3000)}`, { cause: error });
    }
  }

  async function checkScreen(name: string, minPx = 24) {
    await ui.screenshot(name);
    expect(await ui.axeViolations()).toEqual([]);
    expect(await ui.targetProblems()).toEqual([]);
    expect(await ui.layoutProblems(minPx)).toEqual([]);
  }

  const wait = (testId: string, timeout = 30_000) => ui.byTestId(testId).waitFor({ timeout });

  /** The kiosk's print rows for one certificate number, read from its SQLite file. */
  function printRows(number: string): { id: string; state: string; printer_job_id: string | null }[] {
    const db = new Database(join(kiosk.dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT id, state, printer_job_id FROM print_jobs WHERE reference = ? ORDER BY created_at').all(number) as never;
    } finally {
      db.close();
    }
  }

  /** The files ippeveprinter spooled for these kiosk jobs (job-name kiosk-certificate-<id>). */
  function spooled(jobIds: string[]): string[] {
    const found: string[] = [];
    for (const dir of readdirSync(tmp).filter((d) => d.startsWith('kiosk-ippeve-'))) {
      for (const file of readdirSync(join(tmp, dir))) {
        if (jobIds.some((id) => file.endsWith(`-kiosk-certificate-${id}.pdf`))) found.push(join(tmp, dir, file));
      }
    }
    return found;
  }

  /** Opens the demo's simulator panel (F9), presses one of its buttons, and closes it again. */
  async function usePanel(button: string) {
    await browser.page.keyboard.press('F9');
    await wait('simulator-panel');
    await browser.page.getByRole('button', { name: button, exact: true }).click();
    await browser.page.getByRole('status').filter({ hasText: `已执行：${button}` }).waitFor({ timeout: 15_000 });
    await browser.page.getByRole('button', { name: '关闭面板', exact: true }).click();
    await wait('home');
  }

  async function previewReady() {
    await wait('certificate-preview');
    await browser.page.locator('[data-testid="pdf-preview"][data-phase="ready"] img.cert-page').first().waitFor({ timeout: 60_000 });
    // Drawn, not merely present: PDF.js ran (its worker allowed by the CSP) and produced pixels.
    const size = await browser.page.locator('img.cert-page').first().evaluate((img) => [(img as unknown as { naturalWidth: number }).naturalWidth, (img as unknown as { naturalHeight: number }).naturalHeight]);
    expect(size[0]).toBeGreaterThan(500);
    expect(size[1]).toBeGreaterThan(size[0]!);
  }

  async function certificateNumber(): Promise<string> {
    const text = (await ui.byTestId('cert-number').textContent()) ?? '';
    const number = /[A-Z]{2}-\d{8}-[A-Z0-9]{4}-\d{4}/.exec(text)?.[0];
    if (!number) throw new Error(`no certificate number in "${text}"`);
    return number;
  }

  test('ID card → 户籍证明: identified (masked), previewed, printed on ippeveprinter, take your document with the code', async () => {
    await freshVisit();
    await ui.tap('tile-certificates');
    await wait('identify');
    await wait('identify-status');
    await checkScreen('cert-identify-zh');

    await control({ action: 'insertIdCard', residentId: 'R001' });
    await wait('certificates');
    expect(await ui.byTestId('identity-strip').textContent()).toContain('张*，证件号 440105********9994');
    await checkScreen('cert-choose-zh');

    await ui.tap('cert-household');
    await previewReady();
    const number = await certificateNumber();
    expect(number).toMatch(/^HJ-/);
    await checkScreen('cert-preview-zh');
    expect(consoleErrors.filter((e) => /Content.Security.Policy|Refused to|pdf|worker/i.test(e))).toEqual([]);
    await browser.page.setViewportSize(LANDSCAPE);
    await checkScreen('cert-preview-zh');
    await browser.page.setViewportSize(PORTRAIT);

    await ui.tap('cert-print');
    // ippeveprinter "prints" for 5–15 s: long enough to check the progress screen too.
    await wait('certificate-printing');
    await checkScreen('cert-printing-zh');
    await wait('certificate-done', 100_000);
    const code = (await ui.byTestId('verification-code').textContent()) ?? '';
    expect(code).toMatch(/^核验码：\S+/);
    await wait('take-card');
    await checkScreen('cert-done-zh');

    // The job reached the printer, once, and what it printed is the certificate that was previewed.
    const rows = printRows(number);
    expect(rows.map((r) => r.state)).toEqual(['completed']);
    const files = spooled(rows.map((r) => r.id));
    expect(files).toHaveLength(1);
    const again = (await invoke('certificate.issue', { type: 'household' })).value as { number: string; pdf: string; printed: boolean };
    expect(again).toMatchObject({ number, printed: true });
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(readFileSync(files[0]!))).toBe(sha(Buffer.from(again.pdf, 'base64')));

    // Nothing on the page and nothing in the kiosk's logs holds the full name or number.
    expect(await browser.page.locator('.kiosk').innerText()).not.toMatch(new RegExp(`${ZHANG.name}|${ZHANG.idNumber}`));

    await control({ action: 'removeIdCard' });
    await ui.byTestId('take-card').waitFor({ state: 'detached', timeout: 15_000 });
    await ui.tap('cert-finish');
    await wait('home');
    await expect.poll(identified).toBe(false);
  });

  test('social-security card → 婚育情况证明 in English: previewed and printed', async () => {
    await freshVisit();
    await ui.tap('nav-language');
    await ui.tap('tile-certificates');
    await wait('identify');
    await checkScreen('cert-identify-en');
    await control({ action: 'insertSsCard', residentId: 'R002' });
    await wait('certificates');
    expect(await ui.byTestId('identity-strip').textContent()).toContain('李**, ID 440105********9982');
    await checkScreen('cert-choose-en');
    await ui.tap('cert-family-planning');
    await previewReady();
    const number = await certificateNumber();
    expect(number).toMatch(/^HY-/);
    await checkScreen('cert-preview-en');
    await ui.tap('cert-print');
    await wait('certificate-done', 100_000);
    expect(await ui.byTestId('verification-code').textContent()).toMatch(/^Verification code: \S+/);
    await checkScreen('cert-done-en');
    const rows = printRows(number);
    expect(rows.map((r) => r.state)).toEqual(['completed']);
    expect(spooled(rows.map((r) => r.id))).toHaveLength(1);
    await ui.tap('cert-finish');
    await wait('home');
    await expect.poll(identified).toBe(false);
  });

  test('paper out at print time (elderly mode): told plainly, job kept; paper back → printed once, no duplicate', async () => {
    await freshVisit();
    await ui.tap('nav-elderly');
    await ui.tap('tile-certificates');
    await wait('identify');
    await checkScreen('cert-identify-elderly', 32);
    await control({ action: 'insertIdCard', residentId: 'R003' });
    await wait('certificates');
    await checkScreen('cert-choose-elderly', 32);
    await ui.tap('cert-household');
    await previewReady();
    const number = await certificateNumber();
    await checkScreen('cert-preview-elderly', 32);

    await control({ action: 'setPagePaper', level: 'out' });
    await ui.tap('cert-print');
    await wait('certificate-print-failed', 100_000);
    expect(await ui.byTestId('error-message').getAttribute('data-code')).toBe('PRINTER_OUT_OF_PAPER');
    expect(await ui.byTestId('error-message').textContent()).toContain('不会重复打印');
    await checkScreen('cert-paper-out-elderly', 32);
    expect(printRows(number).filter((r) => r.state === 'completed')).toEqual([]);

    await control({ action: 'setPagePaper', level: 'full' });
    // The screen continues by itself once it sees the printer ready; the button does the same at once.
    await ui.byTestId('cert-retry-print').click({ timeout: 5_000 }).catch(() => undefined);
    await wait('certificate-done', 100_000);
    await checkScreen('cert-done-elderly', 32);

    const rows = printRows(number);
    expect(rows.filter((r) => r.state === 'completed')).toHaveLength(1);
    expect(spooled(rows.map((r) => r.id))).toHaveLength(1);
    // A further print of the same number is refused: the certificate is printed once.
    expect((await invoke('certificate.print', { number })).error?.code).toBe('PRINT_NOT_ALLOWED');
    await ui.tap('cert-finish');
    await wait('home');
  });

  test('an expired ID card and a bank card each get their own screen and a way forward', async () => {
    await freshVisit();
    await ui.tap('tile-certificates');
    await wait('identify');
    await control({ action: 'insertIdCard', residentId: 'R004' });
    await wait('identify-rejected');
    expect(await ui.byTestId('identify-rejected').getAttribute('data-code')).toBe('CARD_EXPIRED');
    expect(await ui.byTestId('error-message').textContent()).toContain('这张卡已经过期。');
    await checkScreen('cert-expired-zh');
    expect(await identified()).toBe(false);
    await control({ action: 'removeIdCard' });
    await ui.tap('identify-retry');
    await wait('identify-status');

    await control({ action: 'insertSsCard', residentId: 'R004' });
    await wait('identify-rejected');
    expect(await ui.byTestId('identify-rejected').getAttribute('data-code')).toBe('NOT_SOCIAL_SECURITY_CARD');
    await ui.tap('nav-language');
    expect(await ui.byTestId('error-message').textContent()).toContain('This is not a social security card');
    await checkScreen('cert-bank-card-en');
    expect(await identified()).toBe(false);
  });

  test('the card taken out mid-flow hides the certificate; the same card brings it back; home ends the session', async () => {
    await freshVisit();
    await ui.tap('tile-certificates');
    await control({ action: 'insertIdCard', residentId: 'R001' });
    await wait('certificates');
    await ui.tap('cert-household');
    await previewReady();
    await control({ action: 'removeIdCard' });
    await wait('certificate-card-removed');
    expect(await ui.byTestId('pdf-preview').count()).toBe(0);
    expect(await browser.page.locator('.kiosk-main').innerText()).not.toContain('440105');
    await checkScreen('cert-card-removed-zh');
    await control({ action: 'insertIdCard', residentId: 'R001' });
    await previewReady();
    await ui.tap('nav-home');
    await wait('home');
    await expect.poll(identified).toBe(false);
  });

  test('both cards: the same person is accepted; another person\'s social-security card is refused, the flow stays', async () => {
    await freshVisit();
    await ui.tap('tile-certificates');
    await control({ action: 'insertIdCard', residentId: 'R001' });
    await wait('certificates');
    await control({ action: 'insertSsCard', residentId: 'R001' });
    await control({ action: 'removeSsCard' });
    await control({ action: 'insertSsCard', residentId: 'R002' });
    await wait('card-problem');
    expect(await ui.byTestId('card-problem').getAttribute('data-code')).toBe('CARD_MISMATCH');
    await checkScreen('cert-card-mismatch-zh');
    expect(await ui.byTestId('identity-strip').textContent()).toContain('张*');
    expect(((await invoke('session.current', {})).value as { maskedName: string }).maskedName).toBe('张*');
    await ui.tap('card-problem-dismiss');
    await ui.tap('cert-household');
    await previewReady();
    await ui.tap('nav-home');
    await wait('home');
    await expect.poll(identified).toBe(false);
  });

  test('the platform out of reach: its own screen; back in reach, the retry previews the certificate', async () => {
    await freshVisit();
    await ui.tap('tile-certificates');
    await control({ action: 'insertIdCard', residentId: 'R005' });
    await wait('certificates');
    await control({ action: 'setNetwork', online: false });
    try {
      await ui.tap('cert-household');
      await wait('certificate-issue-failed');
      expect(await ui.byTestId('error-message').getAttribute('data-code')).toBe('PLATFORM_UNREACHABLE');
      await checkScreen('cert-platform-unreachable-zh');
    } finally {
      await control({ action: 'setNetwork', online: true });
    }
    await ui.tap('cert-retry');
    await previewReady();
    await ui.tap('nav-home');
    await wait('home');
  });

  test('paper runs out part-way through the job: the screen says wait, the same job finishes after the refill, once', async () => {
    await freshVisit();
    // Armed from the demo's simulator panel, as a visitor would.
    await usePanel('A4 纸：下一份打印中途用完');
    await ui.tap('tile-certificates');
    await control({ action: 'insertIdCard', residentId: 'R001' });
    await wait('certificates');
    await ui.tap('cert-household');
    await previewReady();
    const number = await certificateNumber();

    // The tray is full, so the kiosk sends the job; the printer stops part-way for lack of paper.
    await ui.tap('cert-print');
    await wait('certificate-printing');
    await wait('certificate-print-failed', 100_000);
    expect(await ui.byTestId('error-message').getAttribute('data-code')).toBe('PRINTER_OUT_OF_PAPER');
    expect(await browser.page.locator('#certificate-print-failed-prompt').textContent()).toBe('打印机缺纸，请稍候');
    expect(await ui.byTestId('error-message').textContent()).toContain('证明编号不变');
    expect(await ui.byTestId('print-waiting').textContent()).toContain('自助机已向工作人员报告缺纸');
    await checkScreen('cert-paper-out-mid-job-zh');
    // Kept by the printer, started and unfinished: one job, held, its document already spooled.
    const held = printRows(number);
    expect(held.map((r) => r.state)).toEqual(['held']);
    expect(held[0]!.printer_job_id).not.toBeNull();
    expect(spooled(held.map((r) => r.id))).toHaveLength(1);
    await ui.tap('nav-language');
    expect(await browser.page.locator('#certificate-print-failed-prompt').textContent()).toBe('The printer is out of paper, please wait');
    await checkScreen('cert-paper-out-mid-job-en');
    await ui.tap('nav-language');

    await control({ action: 'setPagePaper', level: 'full' });
    // No tap: the screen follows the same job again once the printer reports paper.
    await wait('certificate-done', 100_000);
    const rows = printRows(number);
    expect(rows).toEqual([expect.objectContaining({ id: held[0]!.id, state: 'completed', printer_job_id: held[0]!.printer_job_id })]);
    const files = spooled(rows.map((r) => r.id));
    expect(files).toHaveLength(1);
    const again = (await invoke('certificate.issue', { type: 'household' })).value as { number: string; pdf: string; printed: boolean };
    expect(again).toMatchObject({ number, printed: true });
    expect(createHash('sha256').update(readFileSync(files[0]!)).digest('hex')).toBe(createHash('sha256').update(Buffer.from(again.pdf, 'base64')).digest('hex'));
    expect((await invoke('certificate.print', { number })).error?.code).toBe('PRINT_NOT_ALLOWED');
    await ui.tap('cert-finish');
    await wait('home');
  });

  test('an unreadable ID card: its own plain words; taken out and placed again, it is read', async () => {
    await freshVisit();
    await ui.tap('tile-certificates');
    await wait('identify-status');
    await control({ action: 'insertUnreadableIdCard', residentId: 'R001' });
    await wait('identify-rejected');
    expect(await ui.byTestId('identify-rejected').getAttribute('data-code')).toBe('CARD_READ_FAILED');
    const words = (await ui.byTestId('error-message').textContent()) ?? '';
    expect(words).toContain('没能读出您的卡片。');
    expect(words).toContain('请取出卡片，按图示重新放好后再试。');
    await checkScreen('cert-unreadable-zh');
    expect(await identified()).toBe(false);
    // The way forward: take the card out, place it again (read this time), and go on.
    await control({ action: 'removeIdCard' });
    await ui.tap('identify-retry');
    await wait('identify-status');
    await control({ action: 'insertIdCard', residentId: 'R001' });
    await wait('certificates');
    expect(await identified()).toBe(true);
    await ui.tap('nav-home');
    await wait('home');
  });

  test('a card reader unplugged: the other card is offered; both unplugged: reader offline; plugged back, a card is read', async () => {
    await freshVisit();
    const status = () => ui.byTestId('identify-status').textContent();
    try {
      await usePanel('拔掉身份证读卡器');
      await ui.tap('tile-certificates');
      await wait('identify-status');
      await expect.poll(status, { timeout: 30_000 }).toContain('身份证读卡器暂时不能使用，请插社保卡。');
      expect(await ui.byTestId('howto-id').getAttribute('class')).toContain('cert-card-off');
      await checkScreen('cert-id-reader-offline-zh');

      await control({ action: 'setCardReader', reader: 'ss-card', connected: false });
      await wait('error-message');
      expect(await ui.byTestId('error-message').getAttribute('data-code')).toBe('READER_OFFLINE');
      const words = (await ui.byTestId('error-message').textContent()) ?? '';
      expect(words).toContain('读卡器暂时不能使用。');
      expect(words).toContain('请工作人员帮助');
      await checkScreen('cert-readers-offline-zh');
      await ui.tap('nav-language');
      expect(await ui.byTestId('error-message').textContent()).toContain('The card reader is not working right now.');
      await checkScreen('cert-readers-offline-en');
      await ui.tap('nav-language');
    } finally {
      await control({ action: 'setCardReader', reader: 'id-card', connected: true });
      await control({ action: 'setCardReader', reader: 'ss-card', connected: true });
    }
    await expect.poll(status, { timeout: 30_000 }).toContain('读卡器已准备好');
    await control({ action: 'insertIdCard', residentId: 'R001' });
    await wait('certificates');
    await ui.tap('nav-home');
    await wait('home');
  });

  test('idle in the middle of the flow wipes the session in main', async () => {
    const page = browser.page;
    await freshVisit();
    await page.clock.install();
    await openKiosk();
    await ui.tap('tile-certificates');
    await wait('identify-status');
    // No card for a minute: the screen says so and offers a retry.
    await page.clock.fastForward(60_000);
    await wait('identify-timeout');
    await checkScreen('cert-identify-timeout-zh');
    await ui.tap('identify-retry');
    await wait('identify-status');
    await control({ action: 'insertIdCard', residentId: 'R001' });
    await wait('certificates');
    expect(await identified()).toBe(true);
    await page.clock.fastForward(90_000);
    await wait('idle-countdown');
    for (let s = 0; s < 30; s++) await page.clock.fastForward(1_000);
    await wait('home');
    await expect.poll(identified).toBe(false);
    expect(await ui.byTestId('identity-strip').count()).toBe(0);
  });

  test('no log line holds a full name or ID number', () => {
    const logs = join(kiosk.dataDir, 'logs');
    const text = [kiosk.output(), ...(existsSync(logs) ? readdirSync(logs).map((f) => readFileSync(join(logs, f), 'utf8')) : [])].join('\n');
    expect(text).toContain('certificate issued for preview');
    expect(text).not.toContain(ZHANG.idNumber);
    expect(text).not.toContain(ZHANG.name);
  });
});
