// `npm run start:browser`: the kiosk in a plain Chromium, through the browser shell.
// Prints the kiosk's address on its first line (scripts and tests read it), then opens Chromium
// in app mode unless KIOSK_NO_BROWSER=1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startKiosk } from '../app';
import { ConfigError } from '../config/load';
import { DatabaseError } from '../db/database';
import { startBrowserShell } from './server';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

async function main(): Promise<void> {
  if (!existsSync(`${rendererDir}/index.html`)) {
    fail('The renderer is not built yet: run `npm run build` first (npm run start:browser does it for you).');
  }
  const kiosk = await startKiosk({ logToStderr: process.env.KIOSK_LOG_STDERR === '1' });
  const shell = await startBrowserShell({
    router: kiosk.router,
    events: kiosk.events,
    rendererDir,
    port: kiosk.config.browserShell.port,
  });
  process.stdout.write(`${shell.url}\n`);

  const stop = async () => {
    await shell.close();
    await kiosk.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (process.env.KIOSK_NO_BROWSER === '1') return;
  const browser = CHROMIUM.find((path) => existsSync(path));
  if (!browser) {
    process.stdout.write('No Chromium found (apt-get install chromium): open the address above in a browser.\n');
    return;
  }
  spawn(browser, [`--app=${shell.url}`, '--kiosk', '--no-first-run', '--disable-background-networking', '--disable-sync', '--disable-component-update', '--disable-pinch', '--overscroll-history-navigation=0'], {
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
