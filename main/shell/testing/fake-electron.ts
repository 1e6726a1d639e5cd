import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { ElectronApi } from '../electron-api';

// A fake of the Electron main-process API, just deep enough for the shell's unit tests: it records
// what the shell registers and lets a test fire the events Electron would fire. Electron itself
// cannot run on the build machines (STACK.md).

type Handler = (...args: never[]) => unknown;

/** An Electron-style event whose preventDefault() is observable. */
export function fakeEvent<T extends object>(fields: T = {} as T): T & { preventDefault: () => void; defaultPrevented: boolean } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeSession extends EventEmitter {
  permissionRequest: Handler | undefined;
  permissionCheck: Handler | undefined;
  devicePermission: Handler | undefined;
  beforeRequest: Handler | undefined;
  headersReceived: Handler | undefined;
  setPermissionRequestHandler = vi.fn((h: Handler) => void (this.permissionRequest = h));
  setPermissionCheckHandler = vi.fn((h: Handler) => void (this.permissionCheck = h));
  setDevicePermissionHandler = vi.fn((h: Handler) => void (this.devicePermission = h));
  webRequest = {
    onBeforeRequest: vi.fn((h: Handler) => void (this.beforeRequest = h)),
    onHeadersReceived: vi.fn((h: Handler) => void (this.headersReceived = h)),
  };
}

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  windowOpenHandler: Handler | undefined;
  destroyed = false;
  crashed = false;
  mainFrame = { processId: 4, routingId: 1 };
  setWindowOpenHandler = vi.fn((h: Handler) => void (this.windowOpenHandler = h));
  setVisualZoomLevelLimits = vi.fn(async (_min: number, _max: number) => undefined);
  setZoomLevel = vi.fn();
  toggleDevTools = vi.fn();
  reload = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  send = vi.fn();
  isDestroyed = () => this.destroyed;
  isCrashed = () => this.crashed;
  constructor(readonly session: FakeSession) {
    super();
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

export function createFakeElectron(options: { gotLock?: boolean } = {}) {
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => options.gotLock ?? true),
    whenReady: vi.fn(async () => undefined),
    quit: vi.fn(),
    exit: vi.fn(),
    relaunch: vi.fn(),
    commandLine: { appendSwitch: vi.fn() },
  });
  const defaultSession = new FakeSession();
  const windows: FakeBrowserWindow[] = [];

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents(defaultSession);
    destroyed = false;
    minimized = false;
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    loadURL = vi.fn(async (_url: string) => undefined);
    isDestroyed = () => this.destroyed;
    isMinimized = () => this.minimized;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      // Like Electron: every new web contents is announced on the app.
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
  }

  const invokeHandlers = new Map<string, Handler>();
  const fake = {
    app,
    BrowserWindow: FakeBrowserWindow,
    windows,
    defaultSession,
    session: { defaultSession },
    ipcMain: { handle: vi.fn((channel: string, h: Handler) => void invokeHandlers.set(channel, h)) },
    invokeHandlers,
    Menu: { setApplicationMenu: vi.fn() },
    powerSaveBlocker: { start: vi.fn(() => 7), stop: vi.fn(), isStarted: vi.fn(() => true) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  };
  return fake;
}

/** The fake, typed as the real API the shell expects. */
export const asElectronApi = (fake: FakeElectron): ElectronApi => fake as unknown as ElectronApi;
