import Database from 'better-sqlite3';
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LANDSCAPE, openBrowser, PORTRAIT, type Browser, type Viewport } from '../support/browser';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process';
import { needs } from '../support/system';
import { waitUntil } from '../support/wait-until';
import { KioskPage } from './kiosk-page';

// Maintenance mode end to end (issue #7): the real demo kiosk through the browser shell, in
// Debian's Chromium. The dashboard reflects simulated paper-out and a pending outbox; paper refills,
// catalogue rollback and a settings edit are audited (read back from the kiosk's own database);
// maintenance screens leave by themselves; every screen is axe-clean with ≥ 60 px targets, in both
// languages, and photographed into test-results/screenshots/.

const repoRoot = new URL('../../', import.meta.url).pathname;
const run = promisify(execFile);

describe.skipIf(!needs('chromium', 'chromium'))('maintenance mode (Chromium, browser shell)', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let ui: KioskPage;
  let scratch: string;

  beforeAll(async () => {
    kiosk = await startKioskProcess();
    browser = await openBrowser(PORTRAIT);
    ui = new KioskPage(browser.page);
    scratch = mkdtempSync(join(tmpdir(), 'kiosk-maint-e2e-'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const invoke = (channel: string, input: unknown) => ui.invoke(channel, input);
  const simulate = async (action: Record<string, unknown>) => expect((await invoke('simulator.control', action)).ok).toBe(true);

  /** The kiosk's own database, read-only, as a technician's audit export would read it. */
  const query = <T,>(sql: string, params: unknown[] = [], path = join(kiosk.dataDir, 'kiosk.db')): T[] => {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };

  /**
   * Opens the kiosk fresh. Once more if home does not show: on this shared machine another
   * checkout's `npm run build` may be replacing dist/renderer under the page at that moment.
   */
  async function open(url = kiosk.url): Promise<void> {
    try {
      await ui.open(url);
    } catch {
      await ui.open(url);
    }
  }

  async function signIn(): Promise<void> {
    await open();
    await ui.tapCorner('top-left');
    for (const digit of '246810') await browser.page.getByRole('button', { name: `数字 ${digit}` }).click();
    await browser.page.getByRole('button', { name: '确认' }).click();
    await ui.byTestId('maintenance-home').waitFor();
    await ui.byTestId('maint-kiosk').waitFor();
  }

  const refresh = async () => {
    await ui.tap('maint-refresh');
    await browser.page.waitForTimeout(200);
  };

  test('the dashboard shows paper out, device faults, sheets since the refill and a pending outbox', async () => {
    await browser.page.setViewportSize(PORTRAIT);
    await open();
    // An A4 job before anything goes wrong: a service guide (its PDF's pages are the sheets).
    await ui.waitForDevice('page-printer');
    const printed = await invoke('catalogue.print', { kind: 'guide', itemId: 'HZ-JD-001' });
    expect(printed).toMatchObject({ ok: true });
    const sheets = query<{ sheets: number }>("SELECT sheets FROM print_jobs WHERE state = 'completed'").reduce((n, r) => n + r.sheets, 0);
    expect(sheets).toBeGreaterThan(0);

    await simulate({ action: 'setPagePaper', level: 'out' });
    await simulate({ action: 'setTicketPaper', level: 'out' });
    await simulate({ action: 'setNetwork', online: false });
    // Events that cannot leave while the network is down: two e-mail requests.
    for (const email of ['a@example.cn', 'b@example.cn']) expect((await invoke('catalogue.email', { itemId: 'HZ-JD-001', email })).ok).toBe(true);

    await signIn();
    await waitUntil(async () => {
      await refresh();
      return (await ui.byTestId('maint-paper-page-printer').getAttribute('data-paper')) === 'out';
    }, 30_000, 'page printer paper out on the dashboard');
    await waitUntil(async () => (await ui.byTestId('maint-paper-ticket-printer').getAttribute('data-paper')) === 'out', 30_000, 'ticket paper out');
    await waitUntil(async () => {
      await refresh();
      return (await ui.byTestId('maint-sync-online').textContent())?.includes('离线') ?? false;
    }, 30_000, 'offline on the dashboard');
    const pending = Number((await ui.byTestId('maint-sync-pending').locator('dd').textContent()) ?? '0');
    expect(pending).toBeGreaterThanOrEqual(2);
    expect(await ui.byTestId('maint-printed-page-printer').textContent()).toContain(`已打印 ${sheets} 张`);
    expect(await ui.byTestId('maint-device-page-printer').textContent()).toContain('最近故障');
    expect(await ui.byTestId('maint-electron').textContent()).toContain('非 Electron');
    expect(await ui.byTestId('maint-catalogue-active').textContent()).toContain('1');
    await ui.screenshot('maintenance-dashboard-paper-out');
    expect(await ui.axeViolations()).toEqual([]);
    expect(await ui.targetProblems()).toEqual([]);
    expect(await ui.layoutProblems(24)).toEqual([]);

    // Refill the A4 printer: audited with the count it replaces, and the count starts again.
    await ui.tap('maint-refill-page-printer');
    await waitUntil(async () => (await ui.byTestId('maint-printed-page-printer').textContent())?.includes('已打印 0 张') ?? false, 20_000, 'count reset');
    const refill = query<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'maintenance.paperRefilled'");
    expect(refill.map((r) => JSON.parse(r.detail))).toEqual([{ printer: 'page-printer', printedSinceLastRefill: sheets }]);
    expect(query("SELECT 1 FROM outbox WHERE type = 'maintenance.paper_refilled'")).toHaveLength(1);

    // Back online, "sync now" drains what waited.
    await simulate({ action: 'setNetwork', online: true });
    await simulate({ action: 'setPagePaper', level: 'full' });
    await simulate({ action: 'setTicketPaper', level: 'full' });
    await ui.tap('maint-sync-now');
    await waitUntil(async () => {
      await refresh();
      return (await ui.byTestId('maint-sync-pending').locator('dd').textContent()) === '0';
    }, 60_000, 'outbox drained after sync now');
    expect(query("SELECT 1 FROM audit_log WHERE action = 'maintenance.syncNow'")).toHaveLength(1);
    expect(await ui.layoutProblems(24)).toEqual([]);
  }, 240_000);

  test('catalogue rollback restores the previous version and search returns its items', async () => {
    // A second catalogue version with one retitled item, installed by kioskctl as a technician would.
    const bundle = join(scratch, 'bundle-2');
    cpSync(join(repoRoot, 'fixtures/catalogue/bundle'), bundle, { recursive: true });
    const json = JSON.parse(readFileSync(join(bundle, 'catalogue.json'), 'utf8')) as { version: number; items: { id: string; title: string }[] };
    json.version = 2;
    const item = json.items.find((i) => i.id === 'HZ-JD-001');
    if (!item) throw new Error('no HZ-JD-001 in the fixture');
    item.title = '户籍证明开具';
    writeFileSync(join(bundle, 'catalogue.json'), JSON.stringify(json));
    await run(process.execPath, ['--import', 'tsx', 'main/kioskctl/cli.ts', 'catalogue', 'install', bundle], {
      cwd: repoRoot,
      env: { ...process.env, KIOSK_PROFILE: 'demo', KIOSK_DATA_DIR: kiosk.dataDir },
    });
    await open();
    const top = async () => ((await invoke('catalogue.search', { query: '户籍证明' })).value as { item: { title: string } }[])[0]?.item.title;
    expect(await top()).toBe('户籍证明开具');

    await signIn();
    expect(await ui.byTestId('maint-catalogue-active').textContent()).toContain('2');
    await ui.tap('maint-rollback');
    await ui.byTestId('maint-rollback-confirm').waitFor();
    await ui.screenshot('maintenance-rollback-confirm');
    expect(await ui.axeViolations()).toEqual([]);
    expect(await ui.targetProblems()).toEqual([]);
    await ui.tap('maint-rollback-confirm');
    await waitUntil(async () => (await ui.byTestId('maint-notice').textContent())?.includes('已回退到版本 1') ?? false, 20_000, 'rollback notice');
    expect(await ui.byTestId('maint-catalogue-active').textContent()).toContain('1');
    expect(await top()).toBe('户籍证明');
    const titles = ((await invoke('catalogue.search', { query: '户籍证明开具' })).value as { item: { title: string } }[]).map((r) => r.item.title);
    expect(titles).not.toContain('户籍证明开具');
    const audit = query<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'maintenance.catalogueRollback'");
    expect(audit.map((r) => JSON.parse(r.detail))).toEqual([{ fromVersion: 2, toVersion: 1 }]);
    expect(query("SELECT 1 FROM outbox WHERE type = 'maintenance.catalogue_rollback'")).toHaveLength(1);
  }, 240_000);

  test('settings edit: validated, saved, audited with before and after, kept for the next start', async () => {
    await signIn();
    await ui.tap('maint-open-settings');
    await ui.byTestId('maint-field-pagePrinter').waitFor();
    // An address that is not one: refused in plain words, nothing recorded.
    await ui.tap('mkey-clear');
    for (const k of 'abc') await ui.tap(`mkey-${k}`);
    await ui.tap('maint-settings-save');
    await ui.byTestId('error-message').waitFor();
    expect(await ui.byTestId('error-message').textContent()).toContain('A4 打印机地址');
    expect(query("SELECT 1 FROM audit_log WHERE action = 'maintenance.settings'")).toHaveLength(0);

    await ui.tap('mkey-clear');
    for (const k of 'ipp://127.0.0.1:631/ipp/print') await ui.tap(`mkey-${k === '/' ? '/' : k}`);
    await ui.tap('maint-idle-timeoutSeconds-more');
    await ui.tap('maint-idle-elderlyTimeoutSeconds-more');
    await ui.tap('maint-volume-high');
    await ui.screenshot('maintenance-settings');
    expect(await ui.axeViolations()).toEqual([]);
    expect(await ui.targetProblems()).toEqual([]);
    expect(await ui.layoutProblems(24)).toEqual([]);
    await ui.tap('maint-settings-save');
    await waitUntil(async () => (await ui.byTestId('maint-notice').textContent())?.includes('已保存 4 项更改') ?? false, 20_000, 'saved notice');
    expect(await ui.byTestId('maint-notice').textContent()).toContain('重启程序后生效');
    // The restart is offered right there (the restart itself is the test further down).
    await ui.byTestId('maint-settings-restart').waitFor();
    expect(await ui.axeViolations()).toEqual([]);
    expect(await ui.targetProblems()).toEqual([]);

    const [row] = query<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'maintenance.settings'");
    expect(JSON.parse(row?.detail ?? '{}')).toEqual({
      changes: [
        { key: 'devices.pagePrinter', before: 'sim', after: 'ipp://127.0.0.1:631/ipp/print' },
        { key: 'idle.timeoutSeconds', before: 90, after: 100 },
        { key: 'idle.elderlyTimeoutSeconds', before: 180, after: 190 },
        { key: 'voice.volume', before: 'medium', after: 'high' },
      ],
      restartNeeded: ['devices.pagePrinter'],
    });
    expect(query("SELECT 1 FROM outbox WHERE type = 'maintenance.settings'")).toHaveLength(1);
    const file = JSON.parse(readFileSync(join(kiosk.dataDir, 'settings.json'), 'utf8')) as { idle: { timeoutSeconds: number } };
    expect(file.idle.timeoutSeconds).toBe(100);
    // The idle timings apply to the next visit at once.
    const info = (await invoke('app.info', {})).value as { idle: { timeoutSeconds: number } };
    expect(info.idle.timeoutSeconds).toBe(100);
  }, 240_000);

  test('the recent log is shown, masked', async () => {
    await signIn();
    await ui.tap('maint-open-log');
    await ui.byTestId('maint-log-lines').waitFor();
    const text = (await ui.byTestId('maint-log-lines').textContent()) ?? '';
    expect(text).toContain('kiosk started');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    await ui.screenshot('maintenance-log');
    expect(await ui.axeViolations()).toEqual([]);
    expect(await ui.targetProblems()).toEqual([]);
  }, 120_000);

  test('reload the screen: the page reloads, reconnects with its secret and starts at home', async () => {
    await signIn();
    const page = browser.page;
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await ui.tap('maint-reload');
    await reloaded;
    await ui.byTestId('home').waitFor({ timeout: 20_000 });
    // Connected again: the offline notice comes from main's sync state, the tiles from app.info.
    expect(await page.locator('.tile').count()).toBeGreaterThan(0);
    expect(page.url()).not.toContain('secret');
    expect(query("SELECT 1 FROM audit_log WHERE action = 'maintenance.reloadUi'")).toHaveLength(1);
  }, 120_000);

  test('leaving signs out: the old token is refused', async () => {
    await signIn();
    const before = query<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'maintenance.signOut'")[0]?.n ?? 0;
    await ui.tap('maint-exit');
    await ui.byTestId('home').waitFor();
    await waitUntil(async () => (query<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'maintenance.signOut'")[0]?.n ?? 0) > before, 20_000, 'sign-out audited');
  }, 120_000);

  test('five minutes without a touch leave maintenance mode (page clock)', async () => {
    const page = browser.page;
    await page.clock.install();
    await signIn();
    await page.clock.fastForward(5 * 60_000);
    await ui.byTestId('home').waitFor({ timeout: 20_000 });
    expect(await ui.byTestId('maintenance-home').count()).toBe(0);
  }, 120_000);

  /** Every maintenance screen in both languages and orientations. */
  const screens: { name: string; lang: 'zh' | 'en'; reach: () => Promise<void>; testId: string }[] = [
    { name: 'maintenance-dashboard', lang: 'zh', testId: 'maintenance-home', reach: async () => {} },
    { name: 'maintenance-dashboard', lang: 'en', testId: 'maintenance-home', reach: async () => {} },
    { name: 'maintenance-settings', lang: 'zh', testId: 'maintenance-settings', reach: () => ui.tap('maint-open-settings') },
    { name: 'maintenance-settings', lang: 'en', testId: 'maintenance-settings', reach: () => ui.tap('maint-open-settings') },
    { name: 'maintenance-log', lang: 'zh', testId: 'maintenance-log', reach: () => ui.tap('maint-open-log') },
    { name: 'maintenance-log', lang: 'en', testId: 'maintenance-log', reach: () => ui.tap('maint-open-log') },
  ];
  for (const viewport of [PORTRAIT, LANDSCAPE] satisfies Viewport[]) {
    const orientation = viewport === PORTRAIT ? 'portrait' : 'landscape';
    test.each(screens)(`$name ($lang, ${orientation}): axe finds nothing, targets ≥ 60 px, nothing overlaps`, async ({ name, lang, reach, testId }) => {
      await browser.page.setViewportSize(viewport);
      if (lang === 'en') {
        await open();
        await ui.tap('nav-language');
        await ui.tapCorner('top-left');
        for (const digit of '246810') await browser.page.getByRole('button', { name: `Digit ${digit}` }).click();
        await browser.page.getByRole('button', { name: 'Confirm' }).click();
        await ui.byTestId('maint-kiosk').waitFor();
      } else await signIn();
      await reach();
      await ui.byTestId(testId).waitFor();
      await browser.page.waitForTimeout(300);
      await ui.screenshot(`${name}-${lang}`);
      expect(await ui.axeViolations()).toEqual([]);
      expect(await ui.targetProblems()).toEqual([]);
      expect(await ui.layoutProblems(24)).toEqual([]);
    }, 120_000);
  }

  test('restart: the browser shell stops cleanly with its restart exit code; the next start says why', async () => {
    // A kiosk of its own: this one is meant to go away.
    const dataDir = join(scratch, 'restart');
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/browser-shell/cli.ts'], {
      cwd: repoRoot,
      env: { ...process.env, KIOSK_PROFILE: 'demo', KIOSK_NO_BROWSER: '1', KIOSK_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', (line) => resolve(line.trim()));
        child.once('exit', (code) => reject(new Error(`kiosk exited with ${code}`)));
      });
      await browser.page.setViewportSize(PORTRAIT);
      await open(url);
      await ui.tapCorner('top-left');
      for (const digit of '246810') await browser.page.getByRole('button', { name: `数字 ${digit}` }).click();
      await browser.page.getByRole('button', { name: '确认' }).click();
      await ui.byTestId('maint-kiosk').waitFor();
      expect(await ui.byTestId('maint-last-stop').textContent()).toContain('首次启动');
      await ui.tap('maint-restart');
      await ui.tap('maint-restart-confirm');
      expect(await exited).toBe(75);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    const marker = JSON.parse(readFileSync(join(dataDir, 'run-state.json'), 'utf8')) as { running: boolean; reason: string };
    expect(marker).toMatchObject({ running: false, reason: 'technician-restart' });
    expect(query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'maintenance.restart'", [], join(dataDir, 'kiosk.db'))).toHaveLength(1);

    // What a supervisor does on exit code 75: start it again. The dashboard says why it stopped.
    const again = await startKioskProcess({ KIOSK_DATA_DIR: dataDir });
    try {
      await open(again.url);
      await ui.tapCorner('top-left');
      for (const digit of '246810') await browser.page.getByRole('button', { name: `数字 ${digit}` }).click();
      await browser.page.getByRole('button', { name: '确认' }).click();
      await ui.byTestId('maint-kiosk').waitFor();
      expect(await ui.byTestId('maint-last-stop').textContent()).toContain('维护人员重启');
    } finally {
      await again.stop();
    }
  }, 180_000);
});
