// `npm start`: runs the kiosk in Electron (demo profile unless told otherwise).
//
// The electron npm package does not contain Electron: the binary is downloaded on first use, which
// fails on machines without internet. `require('electron')` would then try the download itself and
// print a stack trace, so this script finds the binary the same way the package does
// (node_modules/electron/path.txt, ELECTRON_OVERRIDE_DIST_PATH) without ever downloading, and says
// in one sentence what to do instead when it is missing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'main', 'electron-main.cjs');

const DEFAULT_EXECUTABLE = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/** The Electron executable if it is installed, otherwise null. Never downloads anything. */
function findElectronBinary(env = process.env) {
  let packageDir;
  try {
    packageDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let candidate;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, recorded || DEFAULT_EXECUTABLE[process.platform] || 'electron');
  } else if (recorded) {
    candidate = join(packageDir, 'dist', recorded);
  } else {
    return null;
  }
  return existsSync(candidate) ? candidate : null;
}

function fail(sentence) {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

const binary = findElectronBinary();
if (!binary) {
  fail(
    'The Electron binary is not installed on this machine (it is downloaded on first use and that needs the internet), ' +
      'so run `npm run start:browser` to use the same kiosk in Chromium instead.',
  );
}
if (!existsSync(entry)) {
  fail('The Electron main bundle dist/main/electron-main.cjs is missing, so run `npm run build` first (`npm start` does it for you).');
}

const env = { ...process.env };
// The demo profile unless a profile or a production config file is given (as main/config/load.ts decides).
if (!env.KIOSK_PROFILE && !env.KIOSK_CONFIG) env.KIOSK_PROFILE = 'demo';
// Electron must start as Electron, not as a Node shell.
delete env.ELECTRON_RUN_AS_NODE;

// `electron .` runs package.json's "main" (dist/main/electron-main.cjs) with the app's own name,
// so app data lands under 海珠e办事 rather than under "Electron".
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', env, windowsHide: false });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => fail(`Electron could not be started (${error.message}), so run \`npm run start:browser\` instead.`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
