import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../contract';
import type { SelfTestResult } from '../../contract/maintenance-access';
import { startKiosk, type Kiosk } from '../../main/app';
import { DEMO_BUNDLE_DIR } from '../../main/catalogue/catalogue-service';
import { loadConfig } from '../../main/config/load';
import { run as kioskctl } from '../../main/kioskctl/cli';
import { ensurePrinterServices } from '../support/ippeveprinter';
import { needs } from '../support/system';
import { waitUntil } from '../support/wait-until';

// Maintenance access on the composed demo kiosk (main/app.ts): the sample technician's card is
// claimed by maintenance (no resident session), card + PIN signs in, the self-tests run through
// the simulators on real ptys and a real ippeveprinter, and kioskctl selftest reaches the running
// kiosk over its control socket. Everything is audited and on the outbox.

const ready = needs('socat', 'socat') && needs('ippeveprinter', 'cups-ipp-utils');

describe.skipIf(!ready)('maintenance access on the demo kiosk', () => {
  let kiosk: Kiosk;
  let dir: string;
  const seen: Array<{ event: EventName; payload: unknown }> = [];

  beforeAll(async () => {
    await ensurePrinterServices();
    dir = mkdtempSync(join(tmpdir(), 'kiosk-maint-'));
    kiosk = await startKiosk({ config: loadConfig({ KIOSK_DATA_DIR: dir, HOME: dir, KIOSK_LOG_LEVEL: 'error' }), logToStderr: true });
    kiosk.events.subscribe((event, payload) => seen.push({ event, payload }));
  });
  afterAll(async () => {
    await kiosk?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await kiosk.router.dispatch(channel as never, input as never);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  };

  it('claims the technician card without starting a resident session, then signs in with card + PIN', async () => {
    await waitUntil(async () => ((await call<{ devices: Array<{ state: string }> }>('app.state', {})).devices.every((d) => d.state === 'online')), 20_000);
    await call('simulator.control', { action: 'insertSsCard', residentId: 'T001' });
    await waitUntil(() => seen.some((e) => e.event === 'maintenance.technicianCard'), 10_000, 'technician card');
    expect(seen.find((e) => e.event === 'maintenance.technicianCard')?.payload).toEqual({ maskedCard: 'T******17' });
    expect(seen.some((e) => e.event === 'card.inserted')).toBe(false);
    expect(await call('session.current', {})).toMatchObject({ identified: false });
    expect(await call('maintenance.technicianCard', {})).toEqual({ maskedCard: 'T******17' });
    const { token } = await call<{ token: string }>('maintenance.unlock', { pin: '246810' });
    expect(token).toEqual(expect.any(String));
    const audit = kiosk.db.prepare("SELECT action, detail FROM audit_log WHERE actor = 'technician' ORDER BY seq").all() as Array<{ action: string; detail: string }>;
    expect(audit.map((a) => a.action)).toEqual(['maintenance.card.presented', 'maintenance.signIn']);
    expect(JSON.parse(audit[1]!.detail)).toEqual({ method: 'card+pin', card: 'T******17' });
    expect(JSON.stringify(audit)).not.toContain('T09000017');

    await call('simulator.control', { action: 'removeSsCard' });
    await waitUntil(() => seen.filter((e) => e.event === 'maintenance.technicianCard').length === 2, 10_000, 'technician card removal');
    expect(seen.some((e) => e.event === 'card.removed')).toBe(false);
    expect(await call('maintenance.technicianCard', {})).toBeNull();

    // Self-tests through the real paths, each audited.
    const results: SelfTestResult[] = [];
    for (const test of ['page-printer', 'ticket-printer', 'card-reader', 'platform', 'database'] as const) {
      results.push(await call<SelfTestResult>('maintenance.selfTest', { token, test }));
    }
    for (const r of results) expect(r, r.test).toMatchObject({ ok: true, code: null });
    const facts = (test: string) => Object.fromEntries(results.find((r) => r.test === test)!.facts.map((f) => [f.label, f.value]));
    expect(facts('page-printer')).toMatchObject({ state: 'completed' });
    expect(kiosk.db.prepare("SELECT state FROM print_jobs WHERE kind = 'test-page'").pluck().all()).toEqual(['completed']);
    expect(facts('ticket-printer').decoded).toMatch(/^海珠e办事 自检凭条 · QR selftest:demo-kiosk-01/);
    expect(facts('card-reader')).toMatchObject({ reader: 'ss-card', name: '张*', idNumber: '440105********9994', cardNumber: 'A******01' });
    expect(facts('database')).toMatchObject({ quickCheck: 'ok', auditChain: 'ok' });
    // The self-test's card was the self-test's: no resident session, no card events.
    expect(seen.some((e) => e.event === 'card.inserted' || e.event === 'card.removed')).toBe(false);

    const outbox = kiosk.db.prepare("SELECT type, payload FROM outbox WHERE type LIKE 'maintenance.%' ORDER BY seq").all() as Array<{ type: string; payload: string }>;
    expect(outbox.map((o) => o.type)).toEqual([
      'maintenance.technician_card',
      'maintenance.sign_in',
      'maintenance.technician_card',
      ...Array.from({ length: 5 }, () => 'maintenance.action'),
    ]);
    expect(outbox.map((o) => JSON.parse(o.payload).test).slice(3)).toEqual(['page-printer', 'ticket-printer', 'card-reader', 'platform', 'database']);

    // Signing out ends the session: the next request is FORBIDDEN.
    await call('maintenance.signOut', { token });
    await expect(call('maintenance.selfTest', { token, test: 'database' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  }, 120_000);

  it('kioskctl selftest runs on the live devices through the control socket', async () => {
    const env = { KIOSK_DATA_DIR: dir, HOME: dir, KIOSK_LOG_LEVEL: 'error' };
    const ticket = await kioskctl(['selftest', 'ticket-printer'], env);
    // The kiosk's own service answered (its ticket id), not kioskctl opening the port itself.
    expect(ticket.out).toMatch(/^ok +ticket-printer +test ticket [0-9a-f-]{36} printed/);
    expect(ticket.code).toBe(0);
    const card = await kioskctl(['selftest', 'id-card', '--json'], env);
    expect(card.code).toBe(0);
    expect(JSON.parse(card.out)).toEqual([expect.objectContaining({ device: 'id-card', ok: true, detail: expect.stringContaining('张*') })]);
    expect(seen.some((e) => e.event === 'card.inserted')).toBe(false);
  }, 120_000);

  it('kioskctl status, sync now and catalogue install/rollback go through the running kiosk', async () => {
    const env = { KIOSK_DATA_DIR: dir, HOME: dir, KIOSK_LOG_LEVEL: 'error' };
    const status = JSON.parse((await kioskctl(['status', '--json'], env)).out);
    expect(status.database).toMatchObject({ exists: true, quickCheck: 'ok' });
    expect(status.live).toMatchObject({ running: true, catalogueVersion: 1, maintenanceOpen: false });
    expect(status.live.devices.map((d: { id: string; state: string }) => d.state)).toEqual(['online', 'online', 'online', 'online']);
    expect((await kioskctl(['status'], env)).out).toMatch(/^running {5}yes/m);
    const sync = await kioskctl(['sync', 'now', '--json'], env);
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.out)).toMatchObject({ online: true });

    // A newer catalogue bundle: the demo bundle with its version raised (forms shared).
    const bundle = mkdtempSync(join(tmpdir(), 'kiosk-bundle-'));
    try {
      const catalogue = JSON.parse(readFileSync(join(DEMO_BUNDLE_DIR, 'catalogue.json'), 'utf8')) as { version: number };
      writeFileSync(join(bundle, 'catalogue.json'), JSON.stringify({ ...catalogue, version: catalogue.version + 1 }));
      symlinkSync(join(DEMO_BUNDLE_DIR, 'forms'), join(bundle, 'forms'));
      const install = await kioskctl(['catalogue', 'install', bundle], env);
      expect(install.out).toMatch(/installed catalogue version 2 \(530 items\) by the running kiosk$/);
      expect(install.code).toBe(0);
      expect(await call('catalogue.overview', {})).toMatchObject({ version: 2 });
      const rollback = await kioskctl(['catalogue', 'rollback'], env);
      expect(rollback).toEqual({ code: 0, out: 'rolled back to catalogue version 1 by the running kiosk' });
    } finally {
      rmSync(bundle, { recursive: true, force: true });
    }
    const commands = (kiosk.db.prepare("SELECT detail FROM audit_log WHERE action = 'maintenance.kioskctl' ORDER BY seq").pluck().all() as string[]).map(
      (d) => (JSON.parse(d) as { command: string }).command,
    );
    expect(commands).toEqual(['selftest', 'selftest', 'catalogue install', 'catalogue rollback']);
    // The audit log is read from the data directory while the kiosk writes it (WAL): intact, masked.
    expect((await kioskctl(['audit', 'verify'], env)).out).toMatch(/^audit log intact: \d+ entries, every link verified$/);
    const exported = (await kioskctl(['audit', 'export', '--since', new Date(Date.now() - 3_600_000).toISOString()], env)).out;
    expect(exported).toContain('"action":"maintenance.signIn"');
    expect(exported).toContain('T******17');
    expect(exported).not.toMatch(/T09000017|440105195803129994|张三/);
  }, 120_000);
});
