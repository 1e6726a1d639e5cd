import { act } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { TechnicianSettings } from '../../../contract/maintenance';
import { SessionContext } from '../../app/session-context';
import { fakeKiosk, type FakeHandlers } from '../../test-support/fake-kiosk';
import { render, tap, type Rendered } from '../../test-support/render';
import { stubSession } from '../../test-support/stub-session';
import { MaintenanceSettingsScreen } from './maintenance-settings-screen';

const settings: TechnicianSettings = {
  devices: { idReaderPort: 'sim', ssReader: 'sim', ticketPrinterPort: 'sim', pagePrinter: 'sim' },
  idle: { timeoutSeconds: 90, elderlyTimeoutSeconds: 180, countdownSeconds: 30 },
  voice: { volume: 'medium' },
};

let view: Rendered | null = null;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  view?.unmount();
  view = null;
  vi.useRealTimers();
});

const settle = () => act(async () => void (await vi.advanceTimersByTimeAsync(0)));

async function mount(handlers: FakeHandlers) {
  const kiosk = fakeKiosk({ 'maintenance.settings': () => ({ ok: true, value: { settings } }), ...handlers });
  const session = stubSession({ kiosk: kiosk.api });
  view = await render(
    <SessionContext.Provider value={session}>
      <MaintenanceSettingsScreen token="tok" />
    </SessionContext.Provider>,
  );
  await settle();
  return { kiosk, view };
}

describe('maintenance settings', () => {
  test('a device change that needs a restart offers the restart right there; it is sent with the token', async () => {
    const { kiosk, view } = await mount({
      'maintenance.saveSettings': () => ({ ok: true, value: { changed: ['devices.pagePrinter'], restartNeeded: ['devices.pagePrinter'] } }),
      'maintenance.restart': () => ({ ok: true, value: { at: '2026-11-28T02:03:00.000Z' } }),
    });
    expect(view.byTestId('maint-settings-restart')).toBeNull();
    await tap(view.byTestId('maint-settings-save')!);
    await settle();
    expect(view.byTestId('maint-notice')?.textContent).toContain('设备端口和地址在重启程序后生效');
    await tap(view.byTestId('maint-settings-restart')!);
    await settle();
    expect(kiosk.callsTo('maintenance.restart')).toEqual([{ token: 'tok' }]);
    expect(view.byTestId('maint-notice')?.textContent).toContain('正在重启程序');
  });

  test('a change that applies at once (idle, volume) offers no restart', async () => {
    const { view } = await mount({
      'maintenance.saveSettings': () => ({ ok: true, value: { changed: ['idle.timeoutSeconds'], restartNeeded: [] } }),
    });
    await tap(view.byTestId('maint-settings-save')!);
    await settle();
    expect(view.byTestId('maint-notice')?.textContent).toContain('已保存 1 项更改');
    expect(view.byTestId('maint-settings-restart')).toBeNull();
  });
});
