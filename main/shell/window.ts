import type { BrowserWindow } from 'electron';
import type { ElectronApi } from './electron-api';

// The one kiosk window. The options are written inline in `new BrowserWindow({…})` on purpose:
// Electronegativity reads them from the call site, so the scan in tests/integration really checks
// this file (an options object built elsewhere would hide them from it).

export const WINDOW_BACKGROUND = '#ffffff';
/** If ready-to-show never fires (a GPU problem), show the window anyway: a kiosk must never stay dark. */
export const SHOW_FALLBACK_MS = 5_000;

export type KioskWindowOptions = {
  /** Absolute path of dist/main/preload.cjs. */
  preload: string;
  /** Demo profile with KIOSK_DEVTOOLS=1 only. */
  devtools: boolean;
  setTimer?: (callback: () => void, ms: number) => unknown;
};

export function createKioskWindow(api: Pick<ElectronApi, 'BrowserWindow'>, options: KioskWindowOptions): BrowserWindow {
  const { BrowserWindow } = api;
  const window = new BrowserWindow({
    title: '海珠e办事',
    show: false,
    fullscreen: true,
    kiosk: true,
    frame: false,
    autoHideMenuBar: true,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: {
      // PRELOAD_JS_CHECK: reviewed, see the comment at the top of preload.ts.
      preload: options.preload,
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
      // Voice prompts speak without a tap first (EN 301 549 §5.1.3, KIOSK-UX.md).
      autoplayPolicy: 'no-user-gesture-required',
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devtools,
      // A kiosk never shows a native alert/confirm dialog that a resident could not dismiss.
      disableDialogs: true,
      safeDialogs: true,
      // The idle countdown keeps its pace even if the OS reports the window as hidden.
      backgroundThrottling: false,
      plugins: false,
      enableWebSQL: false,
    },
  });
  let shown = false;
  const show = () => {
    if (shown || window.isDestroyed()) return;
    shown = true;
    window.show();
    window.focus();
  };
  window.once('ready-to-show', show);
  (options.setTimer ?? setTimeout)(show, SHOW_FALLBACK_MS);
  return window;
}
