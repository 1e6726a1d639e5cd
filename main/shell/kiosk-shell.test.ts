import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../contract';
import type { Kiosk } from '../app';
import { ConfigError, defaults } from '../config/load';
import type { KioskConfig } from '../config/schema';
import { EventBus } from '../ipc/event-bus';
import { runKioskShell, type ShellDeps } from './kiosk-shell';
import { asElectronApi, createFakeElectron, fakeEvent } from './testing/fake-electron';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function fakeKiosk(config: KioskConfig): Kiosk {
  return {
    config,
    db: {} as Kiosk['db'],
    events: new EventBus(),
    router: { dispatch: vi.fn(async (channel: unknown) => ({ ok: true as const, value: { channel } })) },
    info: vi.fn(),
    stop: vi.fn(async () => undefined),
  };
}

function setUp(options: { gotLock?: boolean; config?: Partial<KioskConfig>; configError?: Error } = {}) {
  const fake = createFakeElectron({ gotLock: options.gotLock ?? true });
  const config = { ...defaults('demo', {}), ...options.config };
  const services = deferred<Kiosk>();
  const reports: string[] = [];
  const deps: ShellDeps = {
    loadConfig: () => {
      if (options.configError) throw options.configError;
      return config;
    },
    startKiosk: vi.fn(() => services.promise),
    preload: '/app/dist/main/preload.cjs',
    rendererRoot: '/app/dist/renderer',
    now: () => 0,
    setTimer: () => undefined,
    report: (message) => void reports.push(message),
  };
  return { fake, deps, config, services, reports, run: () => runKioskShell(asElectronApi(fake), deps) };
}

const appFrame = { url: 'app://kiosk/index.html', parent: null, processId: 4, routingId: 1, isDestroyed: () => false };

describe('Electron shell start-up', () => {
  it('quits at once when another kiosk already holds the single-instance lock', async () => {
    const s = setUp({ gotLock: false });
    await expect(s.run()).resolves.toBeUndefined();
    expect(s.fake.app.quit).toHaveBeenCalled();
    expect(s.fake.windows).toHaveLength(0);
    expect(s.deps.startKiosk).not.toHaveBeenCalled();
  });

  it('brings its window to the front when a second instance starts', async () => {
    const s = setUp();
    await s.run();
    const window = s.fake.windows[0];
    if (!window) throw new Error('no window');
    window.minimized = true;
    s.fake.app.emit('second-instance', fakeEvent(), [], '/');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('registers app:// before ready and serves it after', async () => {
    const s = setUp();
    await s.run();
    expect(s.fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      s.fake.app.whenReady.mock.invocationCallOrder[0] ?? 0,
    );
    expect(s.fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('sets the Chromium switches and the web-contents guard before ready', async () => {
    const s = setUp();
    await s.run();
    const ready = s.fake.app.whenReady.mock.invocationCallOrder[0] ?? 0;
    expect(s.fake.app.commandLine.appendSwitch.mock.invocationCallOrder.every((order) => order < ready)).toBe(true);
    expect(s.fake.app.commandLine.appendSwitch).toHaveBeenCalledWith('disable-pinch');
    expect(s.fake.app.listenerCount('web-contents-created')).toBe(1);
  });

  it('opens one kiosk window on the local renderer without waiting for the services', async () => {
    const s = setUp();
    const shell = await s.run(); // the services' promise is still pending here
    expect(s.fake.windows).toHaveLength(1);
    expect(shell?.window).toBe(s.fake.windows[0]);
    expect(s.fake.windows[0]?.loadURL).toHaveBeenCalledWith('app://kiosk/index.html');
    expect(s.deps.startKiosk).toHaveBeenCalledWith(expect.objectContaining({ config: s.config }));
    expect(s.fake.windows[0]?.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(s.fake.windows[0]?.options.webPreferences).toMatchObject({ preload: '/app/dist/main/preload.cjs', devTools: false });
  });

  it('keeps the display awake', async () => {
    const s = setUp();
    await s.run();
    expect(s.fake.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
  });

  it('removes the application menu and its accelerators', async () => {
    const s = setUp();
    await s.run();
    expect(s.fake.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('locks down the default session and the kiosk window', async () => {
    const s = setUp();
    await s.run();
    expect(s.fake.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(s.fake.windows[0]?.webContents.windowOpenHandler?.()).toEqual({ action: 'deny' });
  });

  it('answers a request that arrives before the services are up once they are', async () => {
    const s = setUp();
    const shell = await s.run();
    const contents = shell?.window.webContents;
    const handler = s.fake.invokeHandlers.get(IPC_INVOKE) as (...args: unknown[]) => Promise<unknown>;
    const answer = handler({ sender: contents, senderFrame: appFrame }, 'app.info', {});
    const kiosk = fakeKiosk(s.config);
    s.services.resolve(kiosk);
    await expect(answer).resolves.toEqual({ ok: true, value: { channel: 'app.info' } });
    expect(kiosk.router.dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it('refuses a request from a foreign frame', async () => {
    const s = setUp();
    const shell = await s.run();
    s.services.resolve(fakeKiosk(s.config));
    const handler = s.fake.invokeHandlers.get(IPC_INVOKE) as (...args: unknown[]) => Promise<unknown>;
    await expect(handler({ sender: shell?.window.webContents, senderFrame: { ...appFrame, url: 'https://evil.example/' } }, 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('forwards service events to the window', async () => {
    const s = setUp();
    const shell = await s.run();
    const kiosk = fakeKiosk(s.config);
    s.services.resolve(kiosk);
    await shell?.kiosk;
    await Promise.resolve();
    kiosk.events.publish('session.wiped', { reason: 'idle' });
    expect(s.fake.windows[0]?.webContents.send).toHaveBeenCalledWith(IPC_EVENT, 'session.wiped', { reason: 'idle' });
  });

  it('still opens the window when the config is bad, and answers every request with the field at fault', async () => {
    const s = setUp({ configError: new ConfigError('devices.idReaderPort', 'config setting "devices.idReaderPort" is missing') });
    const shell = await s.run();
    expect(s.fake.windows).toHaveLength(1);
    expect(s.deps.startKiosk).not.toHaveBeenCalled();
    const handler = s.fake.invokeHandlers.get(IPC_INVOKE) as (...args: unknown[]) => Promise<unknown>;
    await expect(handler({ sender: shell?.window.webContents, senderFrame: appFrame }, 'app.info', {})).resolves.toEqual({
      ok: false,
      error: { code: 'MAINTENANCE_REQUIRED', message: 'config setting "devices.idReaderPort" is missing' },
    });
    expect(s.reports.join('\n')).toContain('devices.idReaderPort');
  });

  it('enables devtools only for the demo profile with devtools on', async () => {
    const on = setUp({ config: { devtools: true } });
    await on.run();
    expect(on.fake.windows[0]?.options.webPreferences).toMatchObject({ devTools: true });
    const production = setUp({ config: { profile: 'production', devtools: true } });
    await production.run();
    expect(production.fake.windows[0]?.options.webPreferences).toMatchObject({ devTools: false });
  });

  it('reloads a crashed page through the crash policy', async () => {
    const s = setUp();
    await s.run();
    const contents = s.fake.windows[0]?.webContents;
    contents?.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 });
    expect(contents?.reload).toHaveBeenCalledTimes(1);
    expect(s.reports.join('\n')).toContain('renderer-gone');
  });

  it('stops the services and the power-save blocker before quitting', async () => {
    const s = setUp();
    await s.run();
    const kiosk = fakeKiosk(s.config);
    s.services.resolve(kiosk);
    const event = fakeEvent();
    s.fake.app.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(s.fake.app.quit).toHaveBeenCalled());
    expect(kiosk.stop).toHaveBeenCalledTimes(1);
    expect(s.fake.powerSaveBlocker.stop).toHaveBeenCalledWith(7);
    const second = fakeEvent();
    s.fake.app.emit('will-quit', second);
    expect(second.defaultPrevented).toBe(false);
  });
});
