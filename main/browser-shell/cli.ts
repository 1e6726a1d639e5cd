// `npm run start:browser`: the kiosk in a plain Chromium, through the browser shell.
// Prints the kiosk's address on its first line (scripts and tests read it), then opens Chromium
// in app mode unless KIOSK_NO_BROWSER=1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startKiosk } from '../app';
import { ConfigError } from '../config/load';
import { DatabaseError } from '../db/database';
import { RESTART_EXIT_CODE } from './restart';
import { startBrowserShell, type BrowserShell } from './server';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

async function main(): Promise<void> {
  if (!existsSync(`${rendererDir}/index.html`)) {
    fail('The renderer is not built yet: run `npm run build` first (npm run start:browser does it for you).');
  }
  // Filled once the shell is up; the hooks below only run after that.
  const started: { shell?: BrowserShell } = {};
  const kiosk = await startKiosk({
    logToStderr: process.env.KIOSK_LOG_STDERR === '1',
    shell: {
      // Maintenance mode's "restart the app": stop cleanly and exit with RESTART_EXIT_CODE; the
      // supervisor (systemd, README.md here) starts the kiosk again.
      restart: () => void stop(RESTART_EXIT_CODE),
      // The page removed the secret from its address at start; a reload needs it back.
      reloadFragment: () => (started.shell ? `secret=${started.shell.secret}` : ''),
    },
  });
  const shell = await startBrowserShell({
    router: kiosk.router,
    events: kiosk.events,
    rendererDir,
    port: kiosk.config.browserShell.port,
  });
  started.shell = shell;
  const address = shell.url;
  process.stdout.write(`${address}\n`);

  let stopping = false;
  async function stop(code = 0): Promise<void> {
    if (stopping) return;
    stopping = true;
    await started.shell?.close();
    await kiosk.stop();
    process.exit(code);
  }
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (process.env.KIOSK_NO_BROWSER === '1') return;
  const browser = CHROMIUM.find((path) => existsSync(path));
  if (!browser) {
    process.stdout.write('No Chromium found (apt-get install chromium): open the address above in a browser.\n');
    return;
  }
  spawn(browser, [`--app=${address}`, '--kiosk', '--no-first-run', '--disable-background-networking', '--disable-sync', '--disable-component-update', '--disable-pinch', '--overscroll-history-navigation=0', '--autoplay-policy=no-user-gesture-required'], {
    stdio: 'ignore',
    detached: false,
  }).on('exit', () => void stop());
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseError) fail(error.message);
  fail(`The kiosk could not start: ${error instanceof Error ? error.message : String(error)}`);
});
