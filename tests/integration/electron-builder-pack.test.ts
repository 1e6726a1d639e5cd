import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// electron-builder really packs the kiosk with electron-builder.yml, offline: the Electron
// download is replaced by a stub "binary" carrying a real fuse wire (STACK.md: `--dir --linux
// -c.electronDist=<stub>` completes offline). Proves what goes into app.asar, what is unpacked,
// and that the afterPack hook flips the fuses of the packaged binary.

const repo = resolve(import.meta.dirname, '../..');
const require = createRequire(join(repo, 'package.json'));
const asar = require('@electron/asar') as { listPackage: (archive: string, options: object) => string[] };
const work = mkdtempSync(join(tmpdir(), 'kiosk-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Packs the repository itself (npm test builds dist/ first): a stand-in copy with a symlinked
 * node_modules makes `npm list` see 13 modules instead of all of them, so electron-builder would
 * silently leave serialport's own dependencies out and the test would not be testing the real thing.
 * Only the Electron "binary" is a stand-in, written to a temp folder.
 */
function stubElectron(): string {
  if (!existsSync(join(repo, 'dist/main/electron-main.cjs')) || !existsSync(join(repo, 'dist/renderer/index.html'))) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  }
  // Electron's defaults on the wire: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect
  // on, asar integrity off, only-asar off, V8 snapshot off, file privileges on, wasm traps on.
  const dir = join(work, 'electron-stub');
  mkdirSync(dir, { recursive: true });
  const stub = join(dir, 'electron');
  writeFileSync(stub, Buffer.concat([Buffer.alloc(2048, 0x7f), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('101100011'), Buffer.alloc(2048, 0x7f)]));
  chmodSync(stub, 0o755);
  return dir;
}

describe('electron-builder --dir with a stub Electron', () => {
  it('packs dist, package.json and the demo fixtures into app.asar, unpacks the native modules and flips the fuses', async () => {
    const electronDist = stubElectron();
    const out = join(work, 'out');
    const result = spawnSync(
      process.execPath,
      [require.resolve('electron-builder/cli.js'), '--dir', '--linux', '--x64', `-c.electronDist=${electronDist}`, `-c.directories.output=${out}`, '--publish', 'never'],
      { cwd: repo, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: 'true' }, timeout: 240_000 },
    );
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);

    const resources = join(out, 'linux-unpacked', 'resources');
    const files = new Set(asar.listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/')));
    for (const wanted of [
      '/package.json',
      '/dist/main/electron-main.cjs',
      '/dist/main/preload.cjs',
      '/dist/main/catalogue-prepare-worker.cjs',
      '/dist/renderer/index.html',
      '/dist/demo/platform-sim.mjs',
      '/fixtures/residents/residents.json',
      '/fixtures/catalogue/bundle/catalogue.json',
      '/node_modules/@serialport/stream/package.json',
    ]) {
      expect(files, wanted).toContain(wanted);
    }
    // Sources, tests and dev tools stay out of the package.
    const unwanted = [...files].filter((f) => /^\/(main|renderer|contract|devices|tests|scripts)\//.test(f) || /^\/node_modules\/(electron|react|vitest|typescript|@doyensec)\//.test(f));
    expect(unwanted).toEqual([]);
    // Of the fixtures, only the demo profile's data (JSON, and the catalogue's form PDFs) is shipped, not its TypeScript.
    expect([...files].filter((f) => f.startsWith('/fixtures/') && /\.[a-z]+$/i.test(f) && !/\.(json|pdf)$/.test(f))).toEqual([]);

    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules');
    for (const path of [join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'node-hid', join('@serialport', 'bindings-cpp')]) {
      expect(existsSync(join(unpacked, path)), `unpacked ${path}`).toBe(true);
    }

    const wire = (await getCurrentFuseWire(join(out, 'linux-unpacked', 'haizhu-kiosk'))) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  }, 300_000);
});
