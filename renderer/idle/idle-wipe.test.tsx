import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { fakeKiosk } from '../test-support/fake-kiosk';
import { appHarness } from '../test-support/app-harness';
import { tap } from '../test-support/render';

// The idle rule of KIOSK-UX.md, driven through the whole App with fake timers: 90 s quiet (180 s
// in elderly mode) → 30 s countdown → session.wipe + every piece of UI state gone + home.

/** Advances time one second at a time so each countdown tick's effect schedules the next. */
async function seconds(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await act(async () => {
      vi.advanceTimersByTime(1_000);
    });
  }
}

const harness = appHarness();

async function start(kiosk = fakeKiosk()) {
  const view = await harness.start(kiosk.api);
  expect(view.byTestId('home')).not.toBeNull();
  return { kiosk, view };
}

describe('idle countdown and wipe', () => {
  test('an untouched home screen has nothing to protect and shows no countdown', async () => {
    const { view, kiosk } = await start();
    await seconds(200);
    expect(view.byTestId('idle-countdown')).toBeNull();
    expect(kiosk.callsTo('session.wipe')).toEqual([]);
  });

  test('90 s without a touch shows the countdown; at zero the session is wiped and home is shown', async () => {
    const { view, kiosk } = await start();
    await tap(view.byTestId('nav-help')!);
    expect(view.byTestId('help')).not.toBeNull();
    await seconds(89);
    expect(view.byTestId('idle-countdown')).toBeNull();
    await seconds(1);
    const countdown = view.byTestId('idle-countdown');
    expect(countdown?.textContent).toContain('需要更多时间吗？');
    expect(countdown?.textContent).toContain('30');
    await seconds(29);
    expect(view.byTestId('idle-countdown')?.textContent).toContain('1 秒后');
    expect(kiosk.callsTo('session.wipe')).toEqual([]);
    await seconds(1);
    expect(kiosk.callsTo('session.wipe')).toEqual([{ reason: 'idle' }]);
    expect(view.byTestId('idle-countdown')).toBeNull();
    expect(view.byTestId('help')).toBeNull();
    expect(view.byTestId('home')).not.toBeNull();
  });

  test('the wipe clears the screen stack, typed digits, language and elderly mode', async () => {
    const { view } = await start();
    await tap(view.byTestId('nav-language')!);
    await tap(view.byTestId('nav-elderly')!);
    const corner = view.byTestId('corner-top-left')!;
    for (let i = 0; i < 5; i++) await tap(corner);
    expect(view.byTestId('maintenance-pin')).not.toBeNull();
    await tap(view.button('Digit 4'));
    await tap(view.button('Digit 2'));
    expect(view.byTestId('pin-dots')?.textContent).toBe('●●');
    expect(view.byTestId('kiosk')?.dataset.lang).toBe('en');

    // Elderly mode doubles the quiet time: nothing at 90 s, the countdown at 180 s.
    await seconds(90);
    expect(view.byTestId('idle-countdown')).toBeNull();
    await seconds(90);
    expect(view.byTestId('idle-countdown')?.textContent).toContain('Do you need more time?');
    await seconds(30);

    const kiosk = view.byTestId('kiosk');
    expect(view.byTestId('home')).not.toBeNull();
    expect(view.byTestId('maintenance-pin')).toBeNull();
    expect(kiosk?.dataset.lang).toBe('zh-CN');
    expect(kiosk?.dataset.elderly).toBe('false');
    expect(kiosk?.className).not.toContain('elderly');
    expect(document.documentElement.lang).toBe('zh-CN');
    // Coming back to the PIN pad after the wipe shows no digits from the last person.
    for (let i = 0; i < 5; i++) await tap(view.byTestId('corner-top-left')!);
    expect(view.byTestId('pin-dots')?.textContent).toBe('—');
  });

  test('a tap on the countdown keeps the session and does not press what lies under it', async () => {
    const { view, kiosk } = await start();
    await tap(view.byTestId('nav-help')!);
    await seconds(90);
    const overlay = view.byTestId('idle-countdown')!;
    // The home button is under the overlay and inert while it shows.
    expect(view.container.querySelector('.kiosk-frame')?.hasAttribute('inert')).toBe(true);
    await tap(overlay);
    expect(view.byTestId('idle-countdown')).toBeNull();
    expect(view.byTestId('help')).not.toBeNull();
    expect(kiosk.callsTo('session.wipe')).toEqual([]);
    // The quiet time starts again from the tap.
    await seconds(89);
    expect(view.byTestId('idle-countdown')).toBeNull();
    await seconds(1);
    expect(view.byTestId('idle-countdown')).not.toBeNull();
    await tap(view.button('继续办理'));
    expect(view.byTestId('idle-countdown')).toBeNull();
    expect(view.byTestId('help')).not.toBeNull();
  });

  test('any touch restarts the quiet time', async () => {
    const { view } = await start();
    await tap(view.byTestId('nav-help')!);
    await seconds(60);
    await act(async () => {
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    });
    await seconds(60);
    expect(view.byTestId('idle-countdown')).toBeNull();
    await seconds(30);
    expect(view.byTestId('idle-countdown')).not.toBeNull();
  });

  test('the screen is cleared even when main cannot be reached for session.wipe', async () => {
    const kiosk = fakeKiosk({ 'session.wipe': () => ({ ok: false, error: { code: 'INTERNAL', message: 'down' } }) });
    const { view } = await start(kiosk);
    await tap(view.byTestId('tile-certificates')!);
    expect(view.byTestId('coming-soon')).not.toBeNull();
    await seconds(120);
    expect(kiosk.callsTo('session.wipe')).toEqual([{ reason: 'idle' }]);
    expect(view.byTestId('coming-soon')).toBeNull();
    expect(view.byTestId('home')).not.toBeNull();
  });

  test("main's session.wiped event drops every screen and setting without asking main again", async () => {
    const { view, kiosk } = await start();
    await tap(view.byTestId('nav-language')!);
    await tap(view.byTestId('nav-help')!);
    await act(async () => kiosk.emit('session.wiped', { reason: 'card-removed' }));
    expect(view.byTestId('help')).toBeNull();
    expect(view.byTestId('home')).not.toBeNull();
    expect(view.byTestId('kiosk')?.dataset.lang).toBe('zh-CN');
    expect(kiosk.callsTo('session.wipe')).toEqual([]);
  });

  test('a card event arms the countdown even on the untouched home screen', async () => {
    const { view, kiosk } = await start();
    await act(async () => kiosk.emit('card.inserted', { kind: 'id-card', maskedName: '张*', maskedNumber: '440106********0012' }));
    await seconds(90);
    expect(view.byTestId('idle-countdown')).not.toBeNull();
    await seconds(30);
    expect(kiosk.callsTo('session.wipe')).toEqual([{ reason: 'idle' }]);
    await seconds(200);
    expect(view.byTestId('idle-countdown')).toBeNull();
  });

  test('the timings come from app.info', async () => {
    const base = fakeKiosk();
    const info = await base.api.invoke('app.info', {});
    if (!info.ok) throw new Error('fake app.info failed');
    const kiosk = fakeKiosk({}, { ...info.value, idle: { timeoutSeconds: 20, elderlyTimeoutSeconds: 40, countdownSeconds: 5 } });
    const { view } = await start(kiosk);
    await tap(view.byTestId('nav-help')!);
    await seconds(20);
    expect(view.byTestId('idle-countdown')?.textContent).toContain('5');
    await seconds(5);
    expect(kiosk.callsTo('session.wipe')).toEqual([{ reason: 'idle' }]);
  });
});
