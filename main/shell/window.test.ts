import { describe, expect, it } from 'vitest';
import { createFakeElectron, asElectronApi } from './testing/fake-electron';
import { createKioskWindow, SHOW_FALLBACK_MS, WINDOW_BACKGROUND } from './window';

function open(devtools = false) {
  const fake = createFakeElectron();
  const timers: Array<{ callback: () => void; ms: number }> = [];
  createKioskWindow(asElectronApi(fake), {
    preload: '/app/dist/main/preload.cjs',
    devtools,
    setTimer: (callback, ms) => timers.push({ callback, ms }),
  });
  const window = fake.windows[0];
  if (!window) throw new Error('no window was created');
  return { window, timers };
}

describe('kiosk window', () => {
  it('is a full-screen kiosk window, hidden until ready', () => {
    const { window } = open();
    expect(window.options).toMatchObject({
      show: false,
      fullscreen: true,
      kiosk: true,
      frame: false,
      autoHideMenuBar: true,
      backgroundColor: WINDOW_BACKGROUND,
    });
  });

  it('sets every hardening web preference', () => {
    const { window } = open();
    expect(window.options.webPreferences).toEqual({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      autoplayPolicy: 'no-user-gesture-required',
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
      disableDialogs: true,
      safeDialogs: true,
      backgroundThrottling: false,
      plugins: false,
      enableWebSQL: false,
    });
  });

  it('allows devtools only when asked to', () => {
    expect(open(true).window.options.webPreferences).toMatchObject({ devTools: true });
    expect(open(false).window.options.webPreferences).toMatchObject({ devTools: false });
  });

  it('shows the window on ready-to-show, once', () => {
    const { window, timers } = open();
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
    timers[0]?.callback();
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('shows the window anyway when ready-to-show never comes', () => {
    const { window, timers } = open();
    expect(timers.map((t) => t.ms)).toEqual([SHOW_FALLBACK_MS]);
    timers[0]?.callback();
    expect(window.show).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalled();
  });

  it('does not show a window that is already gone', () => {
    const { window, timers } = open();
    window.destroyed = true;
    timers[0]?.callback();
    expect(window.show).not.toHaveBeenCalled();
  });
});
