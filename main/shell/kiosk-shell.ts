import type { BrowserWindow } from 'electron';
import type { Kiosk, KioskOptions } from '../app';
import type { KioskConfig } from '../config/schema';
import type { Router } from '../ipc/router';
import { APP_ENTRY_URL, handleAppProtocol, registerAppScheme } from './app-protocol';
import { CrashPolicy } from './crash-policy';
import { CrashRecovery } from './crash-recovery';
import type { ElectronApi } from './electron-api';
import { forwardEvents, registerIpcBridge } from './ipc-bridge';
import { lockDownApp, lockDownSession } from './lockdown';
import { relaunchApp } from './relaunch';
import { createKioskWindow } from './window';

// The Electron shell's start-up, with Electron and the services injected (electron-main.ts passes
// the real ones). Order matters: the privileged scheme before `ready`; the single-instance lock
// before anything else; the services start at once and in parallel with Electron, and the window
// loads the local renderer as soon as Electron is ready: nothing waits for the network
// (KIOSK-UX.md complaint 11). Requests that arrive before the services are up simply wait for them.

export type ShellDeps = {
  /** Synchronous and local (defaults → file → environment); throws ConfigError on a bad setting. */
  loadConfig: () => KioskConfig;
  startKiosk: (options: KioskOptions) => Promise<Kiosk>;
  /** Absolute path of dist/main/preload.cjs. */
  preload: string;
  /** Absolute path of dist/renderer. */
  rendererRoot: string;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  /** Where start-up failures and crashes are told (the kiosk log once services run). */
  report: (message: string, fields?: Record<string, unknown>) => void;
};

export type Shell = {
  window: BrowserWindow;
  kiosk: Promise<Kiosk>;
};

export async function runKioskShell(api: ElectronApi, deps: ShellDeps): Promise<Shell | undefined> {
  const { app } = api;
  registerAppScheme(api.protocol);
  if (!app.requestSingleInstanceLock()) {
    // Another kiosk is already running: it comes to the front (second-instance below), we leave.
    app.quit();
    return undefined;
  }

  let window: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  let config: KioskConfig | undefined;
  let configError: unknown;
  try {
    config = deps.loadConfig();
  } catch (error) {
    configError = error;
  }
  const guards = { devtools: config?.profile === 'demo' && config.devtools };
  lockDownApp(app, guards);
  const recovery = new CrashRecovery(app, new CrashPolicy({ now: deps.now ?? Date.now }), (kind, detail, action) =>
    deps.report(`shell: ${kind} (${detail}), ${action}`, { kind, detail, action }),
  );

  // Maintenance mode's "restart the app" (the quit below stops the services first).
  const shell = { restart: () => relaunchApp(app, deps.setTimer) };
  const kiosk = config ? deps.startKiosk({ config, shell }) : Promise.reject(configError);
  kiosk.catch((error: unknown) => deps.report(`shell: the kiosk services did not start: ${describe(error)}`));
  const router = async (): Promise<Router> => kiosk.then((k) => k.router, unavailableRouter);
  registerIpcBridge(api.ipcMain, router, (sender) => window !== undefined && !window.isDestroyed() && sender.id === window.webContents.id);

  await app.whenReady();
  api.Menu.setApplicationMenu(null); // the default menu's accelerators reload, zoom and open devtools
  handleAppProtocol(api.protocol, deps.rendererRoot);
  lockDownSession(api.session.defaultSession, guards);
  const blocker = api.powerSaveBlocker.start('prevent-display-sleep');

  const created = createKioskWindow(api, {
    preload: deps.preload,
    devtools: guards.devtools,
    ...(deps.setTimer ? { setTimer: deps.setTimer } : {}),
  });
  window = created;
  created.on('closed', () => {
    window = undefined;
  });
  recovery.watch(created);
  void created.loadURL(APP_ENTRY_URL).catch((error: unknown) => deps.report(`shell: the renderer did not load: ${describe(error)}`));

  let unsubscribe: (() => void) | undefined;
  void kiosk.then(
    (k) => {
      unsubscribe = forwardEvents(k.events, () => (window && !window.isDestroyed() ? window.webContents : undefined));
    },
    () => undefined,
  );

  app.on('window-all-closed', () => app.quit());
  let stopped = false;
  let stopping = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    if (api.powerSaveBlocker.isStarted(blocker)) api.powerSaveBlocker.stop(blocker);
    unsubscribe?.();
    void kiosk
      .then((k) => k.stop())
      .catch(() => undefined)
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });

  return { window: created, kiosk };
}

/** While the services cannot run (bad config), every request gets one clear, coded answer. */
function unavailableRouter(error: unknown): Router {
  const message =
    error instanceof Error && error.name === 'ConfigError'
      ? error.message
      : 'the kiosk services failed to start; see the kiosk log';
  return { dispatch: async () => ({ ok: false, error: { code: 'MAINTENANCE_REQUIRED', message } }) };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
