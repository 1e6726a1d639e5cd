import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../contract';
import { startKiosk, type Kiosk } from '../../main/app';
import { loadConfig } from '../../main/config/load';
import { ensurePrinterServices } from '../support/ippeveprinter';
import { needs } from '../support/system';
import { waitUntil } from '../support/wait-until';

const ready = needs('socat', 'socat') && needs('ippeveprinter', 'cups-ipp-utils');

describe.skipIf(!ready)('the demo kiosk, composed by main/app.ts', () => {
  let kiosk: Kiosk;
  let dir: string;
  const seen: Array<{ event: EventName; payload: unknown }> = [];

  beforeAll(async () => {
    await ensurePrinterServices();
    dir = mkdtempSync(join(tmpdir(), 'kiosk-demo-'));
    kiosk = await startKiosk({ config: loadConfig({ KIOSK_DATA_DIR: dir, HOME: dir, KIOSK_LOG_LEVEL: 'error' }), logToStderr: true });
    kiosk.events.subscribe((event, payload) => seen.push({ event, payload }));
  });
  afterAll(async () => {
    await kiosk?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Takes the card away and waits until the reader has noticed, as a resident's hand would. */
  const removeCard = async (kind: 'id-card' | 'ss-card') => {
    const before = seen.length;
    await kiosk.router.dispatch('simulator.control', { action: kind === 'id-card' ? 'removeIdCard' : 'removeSsCard' });
    await waitUntil(() => seen.slice(before).some((e) => e.event === 'card.removed' && (e.payload as { kind: string }).kind === kind), 10_000, `${kind} removal`);
  };

  const state = async () => {
    const result = await kiosk.router.dispatch('app.state', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { devices: Array<{ id: string; state: string; paper?: string }> };
  };

  it('opens every simulated device through its real transport', async () => {
    await waitUntil(async () => (await state()).devices.every((d) => d.state === 'online'), 15_000);
    const devices = (await state()).devices;
    expect(devices.find((d) => d.id === 'id-card')?.state).toBe('online');
    expect(devices.find((d) => d.id === 'ss-card')?.state).toBe('online');
    expect(devices.find((d) => d.id === 'ticket-printer')).toMatchObject({ state: 'online' });
    expect(devices.find((d) => d.id === 'page-printer')).toMatchObject({ state: 'online' });
  });

  it('identifies a resident from the simulated ID card, masked on the way to the UI', async () => {
    expect(await kiosk.router.dispatch('simulator.control', { action: 'insertIdCard', residentId: 'R001' })).toEqual({ ok: true, value: {} });
    await waitUntil(() => seen.some((e) => e.event === 'card.inserted'), 10_000);
    const inserted = seen.find((e) => e.event === 'card.inserted');
    expect(inserted?.payload).toEqual({ kind: 'id-card', maskedName: '张*', maskedNumber: '440105********9994' });
    await removeCard('id-card');
  });

  it('rejects an expired ID card with its own code', async () => {
    await kiosk.router.dispatch('simulator.control', { action: 'insertIdCard', residentId: 'R004' });
    await waitUntil(() => seen.some((e) => e.event === 'card.rejected'), 10_000);
    expect(seen.find((e) => e.event === 'card.rejected')?.payload).toEqual({ kind: 'id-card', code: 'CARD_EXPIRED' });
    await removeCard('id-card');
  });

  it('checks that a social-security card belongs to the ID card holder', async () => {
    const before = seen.length;
    await kiosk.router.dispatch('simulator.control', { action: 'insertIdCard', residentId: 'R003' });
    await waitUntil(() => seen.slice(before).some((e) => e.event === 'card.inserted'), 10_000);
    await kiosk.router.dispatch('simulator.control', { action: 'insertSsCard', residentId: 'R003' });
    await waitUntil(() => seen.slice(before).filter((e) => e.event === 'card.inserted').length === 2, 10_000);
    expect(seen.slice(before).filter((e) => e.event === 'card.inserted').at(-1)?.payload).toEqual({
      kind: 'ss-card', maskedName: '王*', maskedNumber: '440105********9975',
    });
    await removeCard('ss-card');
    await kiosk.router.dispatch('simulator.control', { action: 'insertSsCard', residentId: 'R001' });
    await waitUntil(() => seen.slice(before).some((e) => e.event === 'card.rejected'), 10_000);
    expect(seen.slice(before).find((e) => e.event === 'card.rejected')?.payload).toEqual({ kind: 'ss-card', code: 'CARD_MISMATCH' });
    await removeCard('ss-card');
    await removeCard('id-card');
  });

  it('says so when a bank card is inserted instead of a social-security card', async () => {
    const before = seen.length;
    await kiosk.router.dispatch('simulator.control', { action: 'insertSsCard', residentId: 'R004' });
    await waitUntil(() => seen.slice(before).some((e) => e.event === 'card.rejected'), 10_000);
    expect(seen.slice(before).find((e) => e.event === 'card.rejected')?.payload).toEqual({ kind: 'ss-card', code: 'NOT_SOCIAL_SECURITY_CARD' });
    await removeCard('ss-card');
  });

  it('reports paper out on the ticket printer as a device.status event', async () => {
    await kiosk.router.dispatch('simulator.control', { action: 'setTicketPaper', level: 'out' });
    await waitUntil(async () => (await state()).devices.find((d) => d.id === 'ticket-printer')?.paper === 'out', 15_000);
    expect(seen.some((e) => e.event === 'device.status' && (e.payload as { id: string; paper?: string }).paper === 'out')).toBe(true);
  });

  const call = async (channel: string, input: unknown) => {
    const result = await kiosk.router.dispatch(channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as never;
  };

  it('serves the installed demo catalogue: 22 departments, 530 items, search by 户籍 and hjzm', async () => {
    const overview: { items: number; departments: unknown[] } = await call('catalogue.overview', {});
    expect(overview.items).toBe(530);
    expect(overview.departments).toHaveLength(22);
    for (const query of ['户籍', 'hjzm']) {
      const results: Array<{ item: { title: string } }> = await call('catalogue.search', { query });
      expect(results[0]?.item.title).toBe('户籍证明');
    }
  });

  it('prints a service guide and a blank form on the real IPP printer and follows each job', async () => {
    const [first]: Array<{ item: { id: string } }> = await call('catalogue.search', { query: '户籍证明' });
    const item: { id: string; forms: Array<{ id: string }> } = await call('catalogue.item', { id: first!.item.id });
    expect(await call('catalogue.print', { kind: 'guide', itemId: item.id })).toMatchObject({ state: 'completed' });
    expect(await call('catalogue.print', { kind: 'form', formId: item.forms[0]!.id, variant: 'sample' })).toMatchObject({ state: 'completed' });
    const rows = kiosk.db.prepare("SELECT kind, state FROM print_jobs ORDER BY created_at").all();
    expect(rows).toEqual([{ kind: 'guide', state: 'completed' }, { kind: 'form-sample', state: 'completed' }]);
    const audits = kiosk.db.prepare("SELECT count(*) FROM outbox WHERE stream = 'print_audit'").pluck().get();
    expect(audits).toBe(2);
  });

  it('refuses to print when the A4 printer is out of paper, before the resident waits', async () => {
    await call('simulator.control', { action: 'setPagePaper', level: 'out' });
    await expect(call('catalogue.print', { kind: 'guide', itemId: 'X' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [first]: Array<{ item: { id: string } }> = await call('catalogue.search', { query: '户籍证明' });
    await expect(call('catalogue.print', { kind: 'guide', itemId: first!.item.id })).rejects.toMatchObject({ code: 'PRINTER_OUT_OF_PAPER' });
    await call('simulator.control', { action: 'setPagePaper', level: 'full' });
  });

  it('queues forms by e-mail through the outbox and refuses a bad address', async () => {
    const [first]: Array<{ item: { id: string } }> = await call('catalogue.search', { query: '户籍证明' });
    await expect(call('catalogue.email', { itemId: first!.item.id, email: 'not-an-address' })).rejects.toMatchObject({ code: 'EMAIL_INVALID' });
    expect(await call('catalogue.email', { itemId: first!.item.id, email: 'resident@example.cn' })).toMatchObject({ queued: true });
    expect(kiosk.db.prepare("SELECT count(*) FROM outbox WHERE stream = 'email_request'").pluck().get()).toBe(1);
  });

  it('issues, previews and prints a 户籍证明 once for the identified resident, then forgets it', async () => {
    const before = seen.length;
    await call('simulator.control', { action: 'insertIdCard', residentId: 'R001' });
    await waitUntil(() => seen.slice(before).some((e) => e.event === 'card.inserted'), 10_000);
    const preview: { number: string; verificationCode: string; pdf: string } = await call('certificate.issue', { type: 'household' });
    expect(preview.number).toMatch(/^HJ-\d{8}-[0-9A-F]{4}-0001$/);
    expect(Buffer.from(preview.pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await call('certificate.print', { number: preview.number })).toMatchObject({ state: 'completed' });
    await expect(call('certificate.print', { number: preview.number })).rejects.toMatchObject({ code: 'PRINT_NOT_ALLOWED' });
    const audit = kiosk.db.prepare("SELECT detail FROM audit_log WHERE action = 'print.completed' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(audit).toContain(preview.number);
    expect(audit).toContain('440105********9994');
    expect(audit).not.toContain('195803129994');
    await call('session.wipe', { reason: 'finished' });
    await expect(call('certificate.issue', { type: 'household' })).rejects.toMatchObject({ code: 'NO_SESSION' });
    await expect(call('certificate.print', { number: preview.number })).rejects.toMatchObject({ code: 'PRINT_NOT_ALLOWED' });
    await removeCard('id-card');
  });

  it('delivers what it recorded to the platform simulator, and goes offline when the network is cut', async () => {
    await call('simulator.control', { action: 'setNetwork', online: true });
    await waitUntil(async () => ((await call('app.state', {})) as { sync: { online: boolean; pending: number } }).sync.pending === 0, 30_000, 'outbox drained');
    expect(((await call('app.state', {})) as { sync: { online: boolean } }).sync.online).toBe(true);
    await call('simulator.control', { action: 'setNetwork', online: false });
    await expect(call('certificate.issue', { type: 'household' })).rejects.toMatchObject({ code: expect.stringMatching(/NO_SESSION|PLATFORM_UNREACHABLE/) });
    const [first]: Array<{ item: { id: string } }> = await call('catalogue.search', { query: '户籍证明' });
    await call('catalogue.email', { itemId: first!.item.id, email: 'resident@example.cn' });
    await waitUntil(async () => !((await call('app.state', {})) as { sync: { online: boolean } }).sync.online, 30_000, 'offline');
    await call('simulator.control', { action: 'setNetwork', online: true });
    await waitUntil(async () => ((await call('app.state', {})) as { sync: { pending: number } }).sync.pending === 0, 30_000, 'outbox drained after reconnect');
  });

  it('answers kioskctl over a socket only its own user can open', async () => {
    const { run } = await import('../../main/kioskctl/cli');
    const { statSync } = await import('node:fs');
    expect(statSync(join(dir, 'kiosk.sock')).mode & 0o777).toBe(0o600);
    const result = await run(['sync', 'now', '--json'], { KIOSK_DATA_DIR: dir, HOME: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ online: true, pending: 0 });
  });

  it('audits a technician sign-in and sends it to the platform', async () => {
    await expect(call('maintenance.unlock', { pin: '000000' })).rejects.toMatchObject({ code: 'PIN_WRONG' });
    expect(await call('maintenance.unlock', { pin: '246810' })).toMatchObject({ token: expect.any(String) });
    const types = kiosk.db.prepare("SELECT payload FROM outbox WHERE type = 'maintenance.sign_in' ORDER BY seq").pluck().all() as string[];
    expect(types.map((p) => JSON.parse(p).success)).toEqual([false, true]);
    const actions = kiosk.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all();
    expect(actions).toEqual(expect.arrayContaining(['maintenance.signIn.failed', 'maintenance.signIn']));
  });

  it('lists sample residents masked', async () => {
    const result = await kiosk.router.dispatch('simulator.residents', {});
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/张三|440105195803129994/);
  });
});
