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
    kiosk = await startKiosk({ config: loadConfig({ KIOSK_DATA_DIR: dir, HOME: dir }), logToStderr: true });
    kiosk.events.subscribe((event, payload) => seen.push({ event, payload }));
  });
  afterAll(async () => {
    await kiosk?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const state = async () => {
    const result = await kiosk.router.dispatch('app.state', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { devices: Array<{ id: string; state: string; paper?: string }> };
  };

  it('opens every simulated device through its real transport', async () => {
    await waitUntil(async () => (await state()).devices.filter((d) => d.id !== 'ss-card').every((d) => d.state === 'online'), 15_000);
    const devices = (await state()).devices;
    expect(devices.find((d) => d.id === 'id-card')?.state).toBe('online');
    expect(devices.find((d) => d.id === 'ticket-printer')).toMatchObject({ state: 'online' });
    expect(devices.find((d) => d.id === 'page-printer')).toMatchObject({ state: 'online' });
  });

  it('identifies a resident from the simulated ID card, masked on the way to the UI', async () => {
    expect(await kiosk.router.dispatch('simulator.control', { action: 'insertIdCard', residentId: 'R001' })).toEqual({ ok: true, value: {} });
    await waitUntil(() => seen.some((e) => e.event === 'card.inserted'), 10_000);
    const inserted = seen.find((e) => e.event === 'card.inserted');
    expect(inserted?.payload).toEqual({ kind: 'id-card', maskedName: '张*', maskedNumber: '440105********0017' });
    await kiosk.router.dispatch('simulator.control', { action: 'removeIdCard' });
    await waitUntil(() => seen.some((e) => e.event === 'card.removed'), 10_000);
  });

  it('rejects an expired ID card with its own code', async () => {
    await kiosk.router.dispatch('simulator.control', { action: 'insertIdCard', residentId: 'R004' });
    await waitUntil(() => seen.some((e) => e.event === 'card.rejected'), 10_000);
    expect(seen.find((e) => e.event === 'card.rejected')?.payload).toEqual({ kind: 'id-card', code: 'CARD_EXPIRED' });
    await kiosk.router.dispatch('simulator.control', { action: 'removeIdCard' });
  });

  it('reports paper out on the ticket printer as a device.status event', async () => {
    await kiosk.router.dispatch('simulator.control', { action: 'setTicketPaper', level: 'out' });
    await waitUntil(async () => (await state()).devices.find((d) => d.id === 'ticket-printer')?.paper === 'out', 15_000);
    expect(seen.some((e) => e.event === 'device.status' && (e.payload as { id: string; paper?: string }).paper === 'out')).toBe(true);
  });

  it('lists sample residents masked', async () => {
    const result = await kiosk.router.dispatch('simulator.residents', {});
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/张三|440105195803120017/);
  });
});
