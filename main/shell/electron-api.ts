import type {
  App,
  BrowserWindow,
  IpcMain,
  Menu,
  PowerSaveBlocker,
  Protocol,
  Session,
  WebContents,
} from 'electron';

// The part of Electron the shell uses, injected as one object. electron-main.ts passes the real
// module; the unit tests pass a fake, because the Electron binary cannot run on the build machines
// (STACK.md). The types are Electron's own, so `tsc` still checks every call against the real API.

export type ElectronApi = {
  app: Pick<
    App,
    'requestSingleInstanceLock' | 'on' | 'once' | 'whenReady' | 'quit' | 'exit' | 'relaunch'
  > & { commandLine: Pick<App['commandLine'], 'appendSwitch'> };
  BrowserWindow: typeof BrowserWindow;
  ipcMain: Pick<IpcMain, 'handle'>;
  Menu: Pick<typeof Menu, 'setApplicationMenu'>;
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  session: { readonly defaultSession: Session };
};

/** What the guards touch on a web contents; a subset so that fakes stay small. */
export type GuardedContents = Pick<
  WebContents,
  'on' | 'setWindowOpenHandler' | 'setVisualZoomLevelLimits' | 'setZoomLevel' | 'toggleDevTools' | 'session' | 'id'
>;

/** What the lockdown touches on a session. */
export type GuardedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on' | 'webRequest'
>;
