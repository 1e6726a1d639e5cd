// `npm run package`: builds the kiosk installers (Linux AppImage and deb, Windows NSIS) with
// electron-builder, configured by electron-builder.yml.
//
// THIS NEEDS THE INTERNET. Nothing below works offline:
//   1. electron-builder downloads Electron 45.5.0 for every target platform (from GitHub, or from
//      ELECTRON_MIRROR), plus its own tools (AppImage runtime, fpm for deb, NSIS for Windows).
//   2. better-sqlite3 must be rebuilt for Electron's Node ABI, not the system Node's:
//      `npx @electron/rebuild -f -w better-sqlite3` downloads Electron's headers for that.
//      (node-hid and serialport ship N-API prebuilds and need no rebuild.)
// Run it on a packaging machine with internet access; arguments are passed on to electron-builder,
// e.g. `npm run package -- --linux` or `npm run package -- --win`.
//
// Afterwards better-sqlite3 is rebuilt for the system Node again, so that `npm test` keeps working.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_VERSION = '45.5.0';
const NEEDS = [
  'the Electron download for each target platform',
  "Electron's headers to rebuild better-sqlite3 for Electron's ABI",
  "electron-builder's AppImage, deb and NSIS tools",
];

console.log(`Packaging the kiosk needs the internet for: ${NEEDS.join('; ')}.`);

/** Hosts the packaging step downloads from; KIOSK_PACKAGE_PROBE_URL replaces them (tests). */
const probes = process.env.KIOSK_PACKAGE_PROBE_URL
  ? [process.env.KIOSK_PACKAGE_PROBE_URL]
  : [process.env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases', 'https://electronjs.org/headers/'];

async function reachable(url) {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(8000) });
    return true;
  } catch {
    return false;
  }
}

for (const url of probes) {
  if (!(await reachable(url))) {
    console.error(
      `This machine cannot reach ${new URL(url).host}, and packaging downloads Electron and rebuilds better-sqlite3 for it, ` +
        'so run `npm run package` on a machine with internet access (nothing was changed here).',
    );
    process.exit(1);
  }
}

function run(command, args, env = process.env) {
  console.log(`\n> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

// npm on the build machines points node-gyp at the system Node headers (STACK.md); that setting
// would make the "Electron" rebuild produce a Node module again. Drop it for the rebuild.
const electronEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)),
);

let failed = false;
try {
  run('node', ['scripts/build.mjs']);
  run('npx', ['--no-install', '@electron/rebuild', '-f', '-w', 'better-sqlite3', '-v', ELECTRON_VERSION], electronEnv);
  // A module that still loads in plain Node was not built for Electron: stop before shipping it.
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, encoding: 'utf8' });
  if (probe.status === 0) throw new Error('better-sqlite3 still loads in Node after the Electron rebuild, so it was not built for Electron');
  // Keep a copy of the Electron build beside the Node one: main/db/database.ts loads it through
  // better-sqlite3's nativeBinding option whenever it runs inside Electron (npm start).
  const release = resolve(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  const electronCopy = resolve(root, 'node_modules/better-sqlite3/build-electron/better_sqlite3.node');
  mkdirSync(dirname(electronCopy), { recursive: true });
  copyFileSync(release, electronCopy);
  run('npx', ['--no-install', 'electron-builder', '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)]);
  console.log('\nInstallers are in out/.');
} catch (error) {
  failed = true;
  console.error(`\nPackaging failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  // Give the repository its Node build of better-sqlite3 back (tests, kioskctl, browser shell).
  spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
}
process.exit(failed ? 1 : 0);
