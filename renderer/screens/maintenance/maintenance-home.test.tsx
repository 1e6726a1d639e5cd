import { act } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { MaintenanceDashboard } from '../../../contract/maintenance';
import { SessionContext, type WipeReason } from '../../app/session-context';
import type { Lang } from '../../i18n/i18n';
import { fakeKiosk, type FakeHandlers } from '../../test-support/fake-kiosk';
import { render, tap, type Rendered } from '../../test-support/render';
import { stubSession } from '../../test-support/stub-session';
import { MaintenanceHome } from './maintenance-home';
import { MAINTENANCE_IDLE_MS } from './use-maintenance';

const dashboard: MaintenanceDashboard = {
  kioskId: 'test-kiosk',
  location: '海珠区测试服务点',
  generatedAt: '2026-11-28T02:00:00.000Z',
  devices: [
    { id: 'page-printer', state: 'userError', detail: 'media-empty', since: '2026-11-28T01:59:00.000Z', lastError: { state: 'paper-out', detail: 'media-empty', at: '2026-11-28T01:59:00.000Z' } },
    { id: 'id-card', state: 'online', detail: null, since: '2026-11-28T01:00:00.000Z', lastError: null },
  ],
  paper: [
    { printer: 'page-printer', paper: 'out', lastRefillAt: null, printedSinceRefill: 7 },
    { printer: 'ticket-printer', paper: 'full', lastRefillAt: '2026-11-27T08:00:00.000Z', printedSinceRefill: 12 },
  ],
  sync: { online: false, pending: 3, oldestPendingAgeMs: 125_000, lastSuccessAt: null, deadLetters: 1 },
  catalogue: { active: 2, previous: 1, versions: [{ version: 2, installedAt: '2026-11-28T01:00:00.000Z', source: 'kioskctl', active: true }] },
  config: { installed: null },
  updates: [],
  storage: { diskFreeBytes: 10 * 1024 ** 3, diskTotalBytes: 100 * 1024 ** 3, databaseBytes: 5 * 1024 ** 2, walBytes: 1024 },
  versions: { app: '0.1.0', electron: null, chromium: null, node: '22.0.0' },
  uptimeMs: 3_723_000,
  startedAt: '2026-11-28T01:00:00.000Z',
  lastStop: { kind: 'clean', reason: 'technician-restart', at: '2026-11-28T00:59:00.000Z' },
};

let view: Rendered | null = null;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  view?.unmount();
  view = null;
  vi.useRealTimers();
});

async function mount(handlers: FakeHandlers = {}, lang: Lang = 'zh-CN') {
  const kiosk = fakeKiosk({
    'maintenance.dashboard': () => ({ ok: true, value: dashboard }),
    'maintenance.signOut': () => ({ ok: true, value: {} }),
    ...handlers,
  });
  const wipes: WipeReason[] = [];
  const session = stubSession({ kiosk: kiosk.api, lang, wipe: (reason) => void wipes.push(reason) });
  view = await render(
    <SessionContext.Provider value={session}>
      <MaintenanceHome token="tok" />
    </SessionContext.Provider>,
  );
  await act(async () => {
    await vi.advanceTimersByTimeAsync(0);
  });
  return { kiosk, wipes, view };
}

describe('maintenance dashboard', () => {
  test('shows devices with their last fault, paper counts, backlog, versions and the last stop', async () => {
    const { view } = await mount();
    const text = view.text();
    expect(view.byTestId('maint-paper-page-printer')?.dataset.paper).toBe('out');
    expect(view.byTestId('maint-printed-page-printer')?.textContent).toBe('上次补纸后已打印 7 张 A4 纸');
    expect(view.byTestId('maint-device-page-printer')?.textContent).toContain('最近故障：缺纸（media-empty）');
    expect(view.byTestId('maint-sync-pending')?.textContent).toContain('3');
    expect(view.byTestId('maint-sync-online')?.textContent).toContain('离线');
    expect(view.byTestId('maint-electron')?.textContent).toContain('非 Electron');
    expect(view.byTestId('maint-last-stop')?.textContent).toContain('维护人员重启');
    expect(text).toContain('10.0 GB（共 100.0 GB）');
    expect(text).toContain('0 天 1 小时 2 分钟');
  });

  test('a printer that answers but has no paper is shown as needing attention, not as working', async () => {
    const { view } = await mount({
      'maintenance.dashboard': () => ({ ok: true, value: { ...dashboard, devices: dashboard.devices.map((d) => (d.id === 'page-printer' ? { ...d, state: 'online' as const } : d)) } }),
    });
    expect(view.byTestId('maint-device-page-printer')?.textContent).toContain('需要处理 · 缺纸');
    expect(view.byTestId('maint-device-id-card')?.textContent).toContain('正常');
  });

  test('in English too', async () => {
    const { view } = await mount({}, 'en');
    expect(view.byTestId('maint-printed-page-printer')?.textContent).toBe('7 A4 sheets printed since the last refill');
    expect(view.byTestId('maint-electron')?.textContent).toContain('not Electron');
    expect(view.text()).toContain('Maintenance dashboard');
  });

  test('actions send the token and say what they did; device events update the paper live', async () => {
    const { kiosk, view } = await mount({ 'maintenance.paperRefilled': () => ({ ok: true, value: { at: '2026-11-28T02:01:00.000Z' } }) });
    await tap(view.byTestId('maint-refill-page-printer')!);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(kiosk.callsTo('maintenance.paperRefilled')).toEqual([{ token: 'tok', printer: 'page-printer' }]);
    expect(view.byTestId('maint-notice')?.textContent).toContain('已记录：A4 打印机已补纸');
    await act(async () => kiosk.emit('device.status', { id: 'ticket-printer', state: 'userError', paper: 'out', since: '2026-11-28T02:02:00.000Z' }));
    expect(view.byTestId('maint-paper-ticket-printer')?.dataset.paper).toBe('out');
  });

  test('the rollback notice appears only with the dashboard read again, never beside the old version', async () => {
    let active = 2;
    let release: () => void = () => {};
    const { kiosk, view } = await mount({
      'maintenance.dashboard': async () => {
        if (active === 1) await new Promise<void>((resolve) => (release = resolve));
        return { ok: true, value: { ...dashboard, catalogue: { ...dashboard.catalogue, active, previous: active === 2 ? 1 : null } } };
      },
      'maintenance.catalogueRollback': () => {
        active = 1;
        return { ok: true, value: { version: 1 } };
      },
    });
    await tap(view.byTestId('maint-rollback')!);
    await tap(view.byTestId('maint-rollback-confirm')!);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    // The dashboard answer is still on its way: "working", not "done", and the buttons stay disabled.
    expect(view.byTestId('maint-notice')?.textContent).not.toContain('已回退');
    expect((view.byTestId('maint-refresh') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => {
      release();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(view.byTestId('maint-notice')?.textContent).toContain('已回退到版本 1');
    expect(view.byTestId('maint-catalogue-active')?.textContent).toContain('1');
    expect(kiosk.callsTo('maintenance.dashboard')).toHaveLength(2);
  });

  test('restart says so at once and does not ask for a dashboard the stopping app cannot give', async () => {
    const { kiosk, view } = await mount({ 'maintenance.restart': () => ({ ok: true, value: { at: '2026-11-28T02:03:00.000Z' } }) });
    await tap(view.byTestId('maint-restart')!);
    await tap(view.byTestId('maint-restart-confirm')!);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(view.byTestId('maint-notice')?.textContent).toContain('正在重启程序');
    expect(kiosk.callsTo('maintenance.dashboard')).toHaveLength(1);
  });

  test('five minutes without a touch sign out and wipe; a touch starts the five minutes again', async () => {
    const { kiosk, wipes, view } = await mount();
    await act(async () => {
      vi.advanceTimersByTime(MAINTENANCE_IDLE_MS - 60_000);
    });
    await act(async () => {
      view.container.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    });
    await act(async () => {
      vi.advanceTimersByTime(MAINTENANCE_IDLE_MS - 1);
    });
    expect(wipes).toEqual([]);
    await act(async () => {
      vi.advanceTimersByTime(1);
    });
    expect(wipes).toEqual(['idle']);
    expect(kiosk.callsTo('maintenance.signOut')).toEqual([{ token: 'tok' }]);
  });

  test('a FORBIDDEN answer (session ended at main) leaves maintenance mode at once', async () => {
    const { wipes } = await mount({ 'maintenance.dashboard': () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'expired' } }) });
    expect(wipes).toEqual(['idle']);
  });
});
