import type { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp';
import type { GuardedContents, GuardedSession } from './electron-api';
import { isAllowedFrameUrl, isAllowedRequestUrl, lockDownApp, lockDownSession, lockDownWebContents } from './lockdown';
import { asElectronApi, createFakeElectron, fakeEvent, FakeSession, FakeWebContents } from './testing/fake-electron';

const key = (key: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}, code = '') => ({
  type: 'keyDown',
  key,
  code: code || (key.length === 1 && /[a-z]/i.test(key) ? `Key${key.toUpperCase()}` : key),
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

function guarded(devtools = false) {
  const session = new FakeSession();
  const contents = new FakeWebContents(session);
  lockDownWebContents(contents as unknown as GuardedContents, { devtools });
  return { contents, session };
}

function fire(contents: EventEmitter, name: string, fields: object = {}, ...rest: unknown[]) {
  const event = fakeEvent(fields);
  contents.emit(name, event, ...rest);
  return event;
}

describe('navigation guards', () => {
  it('lets the app navigate within app://kiosk and stops everything else', () => {
    const { contents } = guarded();
    expect(fire(contents, 'will-navigate', { url: 'app://kiosk/index.html' }).defaultPrevented).toBe(false);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'chrome://gpu']) {
      expect(fire(contents, 'will-navigate', { url }).defaultPrevented, url).toBe(true);
    }
  });

  it('stops redirects away from the app', () => {
    const { contents } = guarded();
    expect(fire(contents, 'will-redirect', { url: 'https://evil.example/' }).defaultPrevented).toBe(true);
    expect(fire(contents, 'will-redirect', { url: 'app://kiosk/index.html' }).defaultPrevented).toBe(false);
  });

  it('lets frames show only the app and its blobs', () => {
    const { contents } = guarded();
    const frame = (url: string, isMainFrame = false) => fire(contents, 'will-frame-navigate', { url, isMainFrame }).defaultPrevented;
    expect(frame('https://example.com/')).toBe(true);
    expect(frame('file:///home/')).toBe(true);
    expect(frame('blob:https://example.com/1234')).toBe(true);
    expect(frame('blob:app://kiosk/3f1c')).toBe(false);
    expect(frame('app://kiosk/preview.html')).toBe(false);
    expect(frame('about:blank')).toBe(false);
    expect(frame('about:blank', true)).toBe(true);
    expect(frame('https://example.com/', true)).toBe(true);
  });

  it('denies window.open and new windows', () => {
    const { contents } = guarded();
    expect(contents.windowOpenHandler?.()).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    const { contents } = guarded();
    expect(fire(contents, 'will-attach-webview').defaultPrevented).toBe(true);
  });

  it('never lets a beforeunload handler hold up a reload or quit', () => {
    const { contents } = guarded();
    expect(fire(contents, 'will-prevent-unload').defaultPrevented).toBe(true);
  });

  it('suppresses context menus', () => {
    const { contents } = guarded();
    expect(fire(contents, 'context-menu').defaultPrevented).toBe(true);
  });
});

describe('zoom', () => {
  it('pins visual zoom (pinch) to 1 at once and after every load', () => {
    const { contents } = guarded();
    expect(contents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    contents.setVisualZoomLevelLimits.mockClear();
    contents.emit('did-finish-load');
    expect(contents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
  });

  it('undoes Ctrl+wheel zoom', () => {
    const { contents } = guarded();
    contents.setZoomLevel.mockClear();
    contents.emit('zoom-changed', fakeEvent(), 'in');
    expect(contents.setZoomLevel).toHaveBeenCalledWith(0);
  });
});

describe('keyboard shortcuts', () => {
  const pressed = (devtools: boolean, input: ReturnType<typeof key>) => {
    const { contents } = guarded(devtools);
    const event = fire(contents, 'before-input-event', {}, input);
    return { blocked: event.defaultPrevented, toggled: contents.toggleDevTools.mock.calls.length };
  };

  it.each([
    ['Ctrl+R', key('r', { control: true })],
    ['Cmd+R', key('r', { meta: true })],
    ['F5', key('F5')],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['Ctrl+F5', key('F5', { control: true })],
    ['F11', key('F11')],
    ['Ctrl+W', key('w', { control: true })],
    ['Ctrl+Q', key('q', { control: true })],
    ['Cmd+Q', key('q', { meta: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+F4', key('F4', { control: true })],
    ['Ctrl+=', key('=', { control: true }, 'Equal')],
    ['Ctrl++', key('+', { control: true, shift: true }, 'Equal')],
    ['Ctrl+-', key('-', { control: true }, 'Minus')],
    ['Ctrl+0', key('0', { control: true }, 'Digit0')],
    ['Ctrl+numpad +', key('+', { control: true }, 'NumpadAdd')],
    ['Ctrl+P', key('p', { control: true })],
    ['Ctrl+N', key('n', { control: true })],
    ['Ctrl+S', key('s', { control: true })],
    ['Alt+Left', key('ArrowLeft', { alt: true })],
    ['BrowserBack', key('BrowserBack')],
    ['Ctrl+R on a non-Latin layout', key('к', { control: true }, 'KeyR')],
  ])('blocks %s', (_name, input) => {
    expect(pressed(false, input)).toEqual({ blocked: true, toggled: 0 });
  });

  it.each([
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true })],
    ['Cmd+Option+I', key('i', { meta: true, alt: true })],
  ])('blocks the devtools shortcut %s, and opens devtools with it only when devtools are enabled', (_name, input) => {
    expect(pressed(false, input)).toEqual({ blocked: true, toggled: 0 });
    expect(pressed(true, input)).toEqual({ blocked: true, toggled: 1 });
  });

  it.each([
    ['a letter', key('a')],
    ['a Chinese character from the IME', key('户', {}, '')],
    ['a digit', key('7', {}, 'Digit7')],
    ['Enter', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Escape', key('Escape')],
    ['Tab', key('Tab')],
    ['Shift+A', key('A', { shift: true })],
    ['Ctrl+C (copy in an input)', key('c', { control: true })],
    ['Ctrl+V (paste in an input)', key('v', { control: true })],
    ['Ctrl+A', key('a', { control: true })],
    ['Ctrl+Z', key('z', { control: true })],
    ['an arrow key', key('ArrowDown')],
  ])('lets %s through', (_name, input) => {
    expect(pressed(false, input)).toEqual({ blocked: false, toggled: 0 });
    expect(pressed(true, input)).toEqual({ blocked: false, toggled: 0 });
  });
});

describe('session guards', () => {
  const locked = (devtools = false) => {
    const session = new FakeSession();
    lockDownSession(session as unknown as GuardedSession, { devtools });
    return session;
  };

  it('denies every permission request, permission check and device permission', () => {
    const session = locked();
    for (const permission of ['media', 'geolocation', 'notifications', 'fullscreen', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequest?.({} as never, permission as never, callback as never, {} as never);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.permissionCheck?.({} as never, permission as never, 'app://kiosk' as never, {} as never), permission).toBe(false);
    }
    expect(session.devicePermission?.({ deviceType: 'hid', origin: 'app://kiosk' } as never)).toBe(false);
  });

  it('cancels every download', () => {
    const session = locked();
    const item = { cancel: vi.fn() };
    const event = fakeEvent();
    session.emit('will-download', event, item, {});
    expect(event.defaultPrevented).toBe(true);
    expect(item.cancel).toHaveBeenCalled();
  });

  it('adds the Content-Security-Policy header to every response', () => {
    const session = locked();
    const callback = vi.fn();
    session.headersReceived?.({ url: 'app://kiosk/index.html', responseHeaders: { 'Content-Type': ['text/html'] } } as never, callback as never);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('cancels every request that is not the app, data: or the app’s blobs', () => {
    const session = locked();
    const cancelled = (url: string) => {
      const callback = vi.fn();
      session.beforeRequest?.({ url } as never, callback as never);
      return (callback.mock.calls[0]?.[0] as { cancel: boolean }).cancel;
    };
    expect(cancelled('app://kiosk/assets/index-1a2b.js')).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    expect(cancelled('blob:app://kiosk/1b2c')).toBe(false);
    for (const url of ['https://cdn.example.com/x.js', 'http://127.0.0.1:3000/', 'ws://127.0.0.1:1/', 'file:///etc/passwd', 'ftp://x/', 'blob:https://evil.example/1', 'devtools://devtools/bundled/inspector.html']) {
      expect(cancelled(url), url).toBe(true);
    }
  });

  it('lets devtools load only when devtools are enabled', () => {
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html', { devtools: true })).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html', { devtools: false })).toBe(false);
    expect(isAllowedRequestUrl('https://example.com/', { devtools: true })).toBe(false);
  });

  it('locks a session once even when many web contents share it', () => {
    const session = new FakeSession();
    lockDownSession(session as unknown as GuardedSession, { devtools: false });
    lockDownSession(session as unknown as GuardedSession, { devtools: false });
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
  });

  it('knows which frame URLs are the app’s', () => {
    expect(isAllowedFrameUrl('blob:app://kiosk.evil/1')).toBe(false);
    expect(isAllowedFrameUrl('blob:app://kiosk/1')).toBe(true);
  });
});

describe('Chromium switches', () => {
  it('turns off pinch zoom and swipe (overscroll) history navigation before ready', () => {
    const fake = createFakeElectron();
    lockDownApp(asElectronApi(fake).app, { devtools: false });
    expect(fake.app.commandLine.appendSwitch.mock.calls).toEqual([['disable-pinch'], ['overscroll-history-navigation', '0']]);
  });
});

describe('every web contents', () => {
  it('gets the same guards when Electron creates it', () => {
    const fake = createFakeElectron();
    lockDownApp(asElectronApi(fake).app, { devtools: false });
    const contents = new FakeWebContents(new FakeSession());
    fake.app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler?.()).toEqual({ action: 'deny' });
    expect(fire(contents, 'will-navigate', { url: 'https://example.com/' }).defaultPrevented).toBe(true);
    expect(fire(contents, 'will-attach-webview').defaultPrevented).toBe(true);
    expect(contents.session.permissionCheck?.()).toBe(false);
  });
});
