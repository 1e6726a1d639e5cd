import type { BrowserWindow, WebContents } from 'electron';
import type { CrashKind, CrashPolicy } from './crash-policy';
import type { ElectronApi } from './electron-api';

// Wires CrashPolicy to Electron: renderer gone or hung → reload the page; GPU process gone → the
// same counting (Chromium restarts the GPU process itself, the reload repaints the screen); the
// third incident within ten minutes → relaunch the whole app.

export type RecoverableWindow = Pick<BrowserWindow, 'on' | 'isDestroyed'> & {
  webContents: Pick<WebContents, 'on' | 'reload' | 'forcefullyCrashRenderer'>;
};

export type CrashReport = (kind: CrashKind, detail: string, action: 'reload' | 'relaunch') => void;

export class CrashRecovery {
  private window: RecoverableWindow | undefined;
  /** Set while we kill a hung renderer ourselves, so that its death is not counted twice. */
  private killingHungRenderer = false;
  private relaunching = false;

  constructor(
    private readonly app: Pick<ElectronApi['app'], 'on' | 'relaunch' | 'exit'>,
    private readonly policy: CrashPolicy,
    private readonly report: CrashReport = () => undefined,
  ) {
    app.on('child-process-gone', (_event, details) => {
      if (details.type === 'GPU' && details.reason !== 'clean-exit') this.incident('gpu-gone', details.reason);
    });
  }

  watch(window: RecoverableWindow): void {
    this.window = window;
    window.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      if (this.killingHungRenderer) {
        this.killingHungRenderer = false;
        return;
      }
      this.incident('renderer-gone', details.reason);
    });
    window.on('unresponsive', () => this.incident('renderer-unresponsive', 'unresponsive'));
  }

  private incident(kind: CrashKind, detail: string): void {
    if (this.relaunching) return;
    const action = this.policy.record(kind);
    this.report(kind, detail, action);
    if (action === 'relaunch') {
      this.relaunching = true;
      this.app.relaunch();
      this.app.exit(0);
      return;
    }
    const window = this.window;
    if (!window || window.isDestroyed()) return;
    if (kind === 'renderer-unresponsive') {
      // A hung renderer does not obey reload(); kill it first (Electron's documented recipe).
      this.killingHungRenderer = true;
      window.webContents.forcefullyCrashRenderer();
    }
    window.webContents.reload();
  }
}
