import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../main/db/database';
import { run as kioskctl } from '../../main/kioskctl/cli';
import { LANDSCAPE, openBrowser, PORTRAIT, type Browser } from '../support/browser';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process';
import { needs } from '../support/system';
import { KioskPage } from './kiosk-page';

// Getting into maintenance mode and the self-tests, end to end: the real demo kiosk (simulators on
// real ptys, ippeveprinter, platform simulator) through the browser shell in Chromium. Wrong PINs
// lock entry (audited in the data directory's SQLite and on the outbox); the lock survives a
// restart and lifts once its five minutes have passed (the attempts are moved back in time while
// the kiosk is stopped: the lock lives in main on the real clock; its timing is unit-tested with
// an injected clock in main/maintenance); the sample technician card + PIN signs in without
// starting a resident session; the self-tests run from the screen against the simulators.

const PIN = '246810';

describe.skipIf(!needs('chromium', 'chromium'))('maintenance sign-in and self-tests (Chromium, browser shell)', () => {
  let dataDir: string;
  let kiosk: KioskProcess;
  let browser: Browser;
  let ui: KioskPage;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-maint-'));
    kiosk = await startKioskProcess({ KIOSK_DATA_DIR: dataDir });
    browser = await openBrowser(PORTRAIT);
    ui = new KioskPage(browser.page);
    await ui.open(kiosk.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const enterPin = async (pin: string) => {
    for (const digit of pin) await browser.page.getByRole('button', { name: `数字 ${digit}` }).click();
    await browser.page.getByRole('button', { name: '确认' }).click();
  };

  /** The data directory's SQLite, read while the kiosk runs (WAL readers never block it). */
  const readDb = <T>(read: (db: ReturnType<typeof openDatabase>) => T): T => {
    const db = openDatabase(join(dataDir, 'kiosk.db'), { readonly: true, migrate: false });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };

  const checkScreen = async (name: string, minPx = 24) => {
    await ui.screenshot(name);
    expect(await ui.axeViolations()).toEqual([]);
    expect(await ui.targetProblems()).toEqual([]);
    expect(await ui.layoutProblems(minPx)).toEqual([]);
  };

  test('five wrong PINs lock entry; the refusal and every attempt are audited and on the outbox', async () => {
    await ui.tapCorner('top-left');
    await ui.byTestId('maintenance-pin').waitFor();
    expect(await ui.byTestId('pin-card').getAttribute('data-card')).toBe('none');
    for (let left = 4; left >= 1; left--) {
      await enterPin('000000');
      await expect.poll(() => ui.byTestId('error-message').textContent(), { timeout: 20_000 }).toContain(`还可以再试 ${left} 次`);
      // The next attempt starts on a fresh message.
      await browser.page.getByRole('button', { name: '清空' }).click();
    }
    await enterPin('000000');
    await expect.poll(() => ui.byTestId('error-message').getAttribute('data-code'), { timeout: 20_000 }).toBe('PIN_LOCKED');
    expect(await ui.byTestId('error-message').textContent()).toMatch(/请在 \d\d:\d\d 之后再试/);
    await checkScreen('maintenance-pin-locked');
    // The right PIN is refused while locked.
    await browser.page.getByRole('button', { name: '清空' }).click();
    await enterPin(PIN);
    await expect.poll(() => ui.byTestId('error-message').getAttribute('data-code'), { timeout: 20_000 }).toBe('PIN_LOCKED');
    expect(await ui.byTestId('maintenance-home').count()).toBe(0);

    const audit = readDb((db) => db.prepare("SELECT action FROM audit_log WHERE actor = 'technician' ORDER BY seq").pluck().all() as string[]);
    expect(audit).toEqual([...Array.from({ length: 5 }, () => 'maintenance.signIn.failed'), 'maintenance.signIn.refused']);
    const outbox = readDb(
      (db) => db.prepare("SELECT payload FROM outbox WHERE type = 'maintenance.sign_in' ORDER BY seq").pluck().all() as string[],
    ).map((p) => JSON.parse(p) as { outcome: string; success: boolean; method: string });
    expect(outbox.map((p) => p.outcome)).toEqual([...Array.from({ length: 5 }, () => 'wrong'), 'locked']);
    expect(outbox.every((p) => !p.success && p.method === 'pin')).toBe(true);
    expect(await kioskctl(['audit', 'verify'], { KIOSK_DATA_DIR: dataDir, HOME: dataDir })).toMatchObject({ code: 0 });
  }, 180_000);

  test('the lock survives a restart, and the right PIN opens maintenance once it has expired', async () => {
    await kiosk.stop();
    kiosk = await startKioskProcess({ KIOSK_DATA_DIR: dataDir });
    await ui.open(kiosk.url);
    await ui.tapCorner('top-left');
    await enterPin(PIN);
    await expect.poll(() => ui.byTestId('error-message').getAttribute('data-code'), { timeout: 20_000 }).toBe('PIN_LOCKED');
    await kiosk.stop();
    // Six minutes pass for the lock (not for the audit log, whose rows stay as written).
    const db = openDatabase(join(dataDir, 'kiosk.db'));
    db.prepare('UPDATE sign_in_attempts SET at = at - 6 * 60000').run();
    db.close();
    kiosk = await startKioskProcess({ KIOSK_DATA_DIR: dataDir });
    await ui.open(kiosk.url);
    await ui.tapCorner('top-left');
    await enterPin(PIN);
    await ui.byTestId('maintenance-home').waitFor({ timeout: 30_000 });
    const last = readDb((db) => db.prepare("SELECT action, detail FROM audit_log WHERE actor = 'technician' ORDER BY seq DESC LIMIT 1").get()) as {
      action: string;
      detail: string;
    };
    expect(last.action).toBe('maintenance.signIn');
    expect(JSON.parse(last.detail)).toEqual({ method: 'pin' });
  }, 240_000);

  test('the technician card + PIN signs in without starting a resident session', async () => {
    await ui.open(kiosk.url);
    const events: string[] = [];
    await browser.page.exposeFunction('__recordCard', (s: string) => void events.push(s));
    await browser.page.evaluate(() => {
      const kiosk = (globalThis as unknown as { kiosk: { on(e: string, cb: (p: unknown) => void): void } }).kiosk;
      const record = (globalThis as unknown as { __recordCard(s: string): void }).__recordCard;
      for (const name of ['card.inserted', 'maintenance.technicianCard']) kiosk.on(name, (p) => record(`${name} ${JSON.stringify(p)}`));
    });
    await browser.page.keyboard.press('F9');
    await ui.byTestId('simulator-panel').waitFor();
    await browser.page.getByRole('button', { name: /插入社保卡 · T001/ }).click();
    await expect.poll(() => events.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(events).toEqual(['maintenance.technicianCard {"maskedCard":"T******17"}']);
    // The card alone opens the PIN pad (no hidden gesture needed); the PIN is still asked.
    await ui.byTestId('maintenance-pin').waitFor({ timeout: 20_000 });
    await expect.poll(() => ui.byTestId('pin-card').getAttribute('data-card'), { timeout: 20_000 }).toBe('present');
    expect(await ui.byTestId('pin-card').textContent()).toContain('T******17');
    await checkScreen('maintenance-pin-card');
    await ui.tap('nav-language');
    await expect.poll(() => ui.byTestId('pin-card').textContent()).toBe('Technician card T******17 recognised. Enter the maintenance PIN to sign in.');
    await browser.page.setViewportSize(LANDSCAPE);
    await checkScreen('maintenance-pin-card-en');
    await browser.page.setViewportSize(PORTRAIT);
    await ui.tap('nav-language');
    await expect.poll(() => ui.lang()).toBe('zh-CN');
    await enterPin(PIN);
    await ui.byTestId('maintenance-home').waitFor({ timeout: 30_000 });
    expect(events.some((e) => e.startsWith('card.inserted'))).toBe(false);
    expect(await browser.page.content()).not.toContain('T09000017');
    const signIn = readDb((db) => db.prepare("SELECT detail FROM audit_log WHERE action = 'maintenance.signIn' ORDER BY seq DESC LIMIT 1").pluck().get()) as string;
    expect(JSON.parse(signIn)).toEqual({ method: 'card+pin', card: 'T******17' });
    // Taking the card away is maintenance's business too.
    await browser.page.evaluate(() => (globalThis as unknown as { kiosk: { invoke(c: string, i: unknown): Promise<unknown> } }).kiosk.invoke('simulator.control', { action: 'removeSsCard' }));
    await expect.poll(() => events.at(-1), { timeout: 20_000 }).toBe('maintenance.technicianCard null');
  }, 180_000);

  test('the self-tests run from the screen against the simulators and ippeveprinter, in both languages', async () => {
    // Signed in by the previous test: open the self-tests from the dashboard.
    await ui.tap('maint-open-selftests');
    await ui.byTestId('selftests').waitFor();
    await checkScreen('maintenance-selftests-idle');
    const spoolBefore = spooledFiles();
    await ui.tap('selftests-run-all');
    for (const test of ['page-printer', 'ticket-printer', 'card-reader', 'platform', 'database']) {
      const row = ui.byTestId(`selftest-${test}`);
      await expect.poll(() => row.getAttribute('data-state'), { timeout: 120_000 }).toMatch(/^(ok|failed)$/);
      expect(await row.getAttribute('data-state'), `${test}: ${await row.textContent()}`).toBe('ok');
    }
    const fact = (test: string, label: string) => ui.byTestId(`selftest-${test}`).locator(`[data-fact="${label}"] dd`).getAttribute('data-value');
    expect(await fact('page-printer', 'state')).toBe('completed');
    // The A4 test page reached ippeveprinter: its spool keeps the job, named after the kiosk's print job.
    const job = (await fact('page-printer', 'job')) ?? '';
    await expect.poll(() => spooledFiles().filter((f) => !spoolBefore.includes(f)), { timeout: 20_000 }).toEqual(expect.arrayContaining([expect.stringContaining(job)]));
    expect(await fact('ticket-printer', 'decoded')).toMatch(/^海珠e办事 自检凭条 · QR selftest:demo-kiosk-01/);
    expect(await fact('card-reader', 'name')).toBe('张*');
    expect(await fact('card-reader', 'idNumber')).toBe('440105********9994');
    expect(await fact('database', 'quickCheck')).toBe('ok');
    expect(await fact('database', 'auditChain')).toBe('ok');
    expect(await browser.page.content()).not.toMatch(/张三|440105195803129994/);
    await checkScreen('maintenance-selftests-done');

    await ui.tap('nav-language');
    await expect.poll(() => ui.lang()).toBe('en');
    expect(await ui.byTestId('selftests').locator('h1').textContent()).toBe('Device self-tests');
    await checkScreen('maintenance-selftests-en');
    await browser.page.setViewportSize(LANDSCAPE);
    await checkScreen('maintenance-selftests-en');
    await browser.page.setViewportSize(PORTRAIT);
    await ui.tap('nav-elderly');
    // Elderly mode: text at least 32 px.
    await checkScreen('maintenance-selftests-elderly', 32);
    await ui.tap('nav-elderly');

    const audited = readDb((db) => db.prepare("SELECT detail FROM audit_log WHERE action = 'maintenance.selfTest' ORDER BY seq").pluck().all() as string[]);
    expect(audited.map((d) => (JSON.parse(d) as { test: string; ok: boolean }).test)).toEqual(['page-printer', 'ticket-printer', 'card-reader', 'platform', 'database']);
    const outboxed = readDb((db) => db.prepare("SELECT payload FROM outbox WHERE type = 'maintenance.action' ORDER BY seq").pluck().all() as string[]);
    expect(outboxed.filter((p) => (JSON.parse(p) as { action: string }).action === 'maintenance.selfTest')).toHaveLength(5);
  }, 300_000);
});

/** PDFs that ippeveprinter processes (started by demo kiosks, `-k`) keep in their spool directories. */
function spooledFiles(): string[] {
  const files: string[] = [];
  for (const dir of readdirSync(tmpdir()).filter((d) => d.startsWith('kiosk-ippeve-'))) {
    try {
      for (const f of readdirSync(join(tmpdir(), dir))) if (statSync(join(tmpdir(), dir, f)).isFile()) files.push(join(dir, f));
    } catch {
      // Another kiosk removed its spool directory meanwhile.
    }
  }
  return files;
}
