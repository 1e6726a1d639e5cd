import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session, utilityProcess } from 'electron';
import { join } from 'node:path';
import { startKiosk } from '../app';
import { loadConfig } from '../config/load';
import { createLogger } from '../log/logger';
import { run as runKioskctl } from '../kioskctl/cli';
import { runKioskShell } from './kiosk-shell';
import { kioskctlArgs, runKioskctlMode } from './kioskctl-mode';
import { utilityPlatformLauncher } from './utility-platform-launcher';

// Electron's entry point, bundled by scripts/build.mjs to dist/main/electron-main.cjs (CommonJS,
// so __dirname is dist/main). All behaviour lives in kiosk-shell.ts, which is tested with a fake
// Electron; this file only hands it the real one.

const log = createLogger('shell');

const report = (message: string, fields: Record<string, unknown> = {}): void => {
  log.error(fields, message);
  // The log is silent until the services configure it; a start-up failure must still be seen.
  process.stderr.write(`${message}\n`);
};

const kioskctl = kioskctlArgs(process.argv);
if (kioskctl) {
  void runKioskctlMode(kioskctl, runKioskctl, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    exit: (code) => app.exit(code),
  });
} else {
  runKioskShell(
    { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session },
    {
      loadConfig: () => loadConfig(),
      // The demo platform simulator runs as a utility process (RunAsNode is fused off).
      startKiosk: (options) => startKiosk({ ...options, launchPlatform: utilityPlatformLauncher((...a) => utilityProcess.fork(...a), join(__dirname, '..')) }),
      preload: join(__dirname, 'preload.cjs'),
      rendererRoot: join(__dirname, '..', 'renderer'),
      report,
    },
  ).catch((error: unknown) => {
    report(`shell: start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    app.exit(1);
  });
}
