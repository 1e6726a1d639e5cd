import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` on this machine, where the Electron binary cannot be downloaded (skipped only where
// Electron is really installed, since it would then start the kiosk), and in stand-in checkouts.

const repo = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'kiosk-start-electron-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const electronInstalled = existsSync(join(repo, 'node_modules/electron/path.txt'));

function start(env: Record<string, string | undefined>) {
  const clean = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete clean[key];
  return spawnSync(process.execPath, ['scripts/start-electron.mjs', '--flag'], { cwd: repo, env: clean, encoding: 'utf8', timeout: 30_000 });
}

describe('npm start without the Electron binary', () => {
  it.skipIf(electronInstalled)('says so in one sentence, points to start:browser and exits 1 without a stack trace', () => {
    const result = start({ ELECTRON_OVERRIDE_DIST_PATH: undefined });
    expect(result.status).toBe(1);
    const output = `${result.stdout}${result.stderr}`.trim();
    expect(output.split('\n')).toHaveLength(1);
    expect(output).toMatch(/^The Electron binary is not installed on this machine\b.*npm run start:browser.*\.$/);
    expect(output.match(/\. /g) ?? []).toHaveLength(0); // one sentence
    expect(output).not.toMatch(/\n\s+at |Error:|node:internal|Downloading/);
  });

});

describe('npm start in a stand-in checkout', () => {
  // A copy of the script in a folder laid out like the repo, so that every case is deterministic
  // whatever this machine has installed or built.
  function checkout(name: string, options: { bundle: boolean; binary: boolean }) {
    const dir = join(work, name);
    mkdirSync(join(dir, 'scripts'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'electron'), { recursive: true });
    mkdirSync(join(dir, 'electron-dist'), { recursive: true });
    copyFileSync(join(repo, 'scripts/start-electron.mjs'), join(dir, 'scripts/start-electron.mjs'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'stand-in', main: 'dist/main/electron-main.cjs' }));
    writeFileSync(join(dir, 'node_modules/electron/package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
    if (options.bundle) {
      mkdirSync(join(dir, 'dist', 'main'), { recursive: true });
      writeFileSync(join(dir, 'dist/main/electron-main.cjs'), '');
    }
    if (options.binary) {
      // Stands in for Electron: records its arguments and profile, exits 3.
      const binary = join(dir, 'electron-dist', 'electron');
      writeFileSync(
        binary,
        `#!/bin/sh\nprintf '%s\\n' "$@" > "${join(dir, 'args.txt')}"\nprintf '%s' "$KIOSK_PROFILE" > "${join(dir, 'profile.txt')}"\nexit 3\n`,
      );
      chmodSync(binary, 0o755);
    }
    const run = (env: Record<string, string | undefined> = {}) => {
      const clean: Record<string, string | undefined> = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'electron-dist'), KIOSK_PROFILE: undefined, KIOSK_CONFIG: undefined, ...env };
      for (const [key, value] of Object.entries(clean)) if (value === undefined) delete clean[key];
      return spawnSync(process.execPath, ['scripts/start-electron.mjs', '--flag'], { cwd: dir, env: clean, encoding: 'utf8', timeout: 30_000 });
    };
    return { dir, run };
  }

  it('reports a missing binary in one sentence without a stack trace', () => {
    const { run } = checkout('no-binary', { bundle: true, binary: false });
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^The Electron binary is not installed.*npm run start:browser/);
  });

  it('reports a missing main bundle in one sentence', () => {
    const { run } = checkout('no-bundle', { bundle: false, binary: true });
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^The Electron main bundle dist\/main\/electron-main\.cjs is missing, so run `npm run build` first/);
  });

  it.skipIf(process.platform === 'win32')('starts Electron on the app folder in the demo profile and passes its exit code on', () => {
    const { dir, run } = checkout('ok', { bundle: true, binary: true });
    const result = run();
    expect(result.status).toBe(3);
    expect(readFileSync(join(dir, 'args.txt'), 'utf8').trim().split('\n')).toEqual([dir, '--flag']);
    expect(readFileSync(join(dir, 'profile.txt'), 'utf8')).toBe('demo');
  });

  it.skipIf(process.platform === 'win32')('leaves the profile to the config file when KIOSK_CONFIG is given', () => {
    const { dir, run } = checkout('config', { bundle: true, binary: true });
    run({ KIOSK_CONFIG: '/etc/haizhu-kiosk/config.json' });
    expect(readFileSync(join(dir, 'profile.txt'), 'utf8')).toBe('');
  });
});
