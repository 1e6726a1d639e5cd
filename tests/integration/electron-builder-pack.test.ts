import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

async function standInProject(): Promise<string> {
  const project = join(work, 'project');
  mkdirSync(join(project, 'dist', 'renderer'), { recursive: true });
  mkdirSync(join(project, 'scripts'), { recursive: true });
  mkdirSync(join(project, 'electron-stub'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) copyFileSync(join(repo, file), join(project, file));
  copyFileSync(join(repo, 'scripts/after-pack.cjs'), join(project, 'scripts/after-pack.cjs'));
  cpSync(join(repo, 'fixtures'), join(project, 'fixtures'), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(project, 'node_modules'), 'dir');
  // The shell's two bundles as scripts/build.mjs makes them; a one-line stand-in renderer.
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' } as const;
  await build({ ...common, entryPoints: [join(repo, 'main/shell/preload.ts')], outfile: join(project, 'dist/main/preload.cjs'), external: ['electron'] });
  await build({
    ...common,
    entryPoints: [join(repo, 'main/shell/electron-main.ts')],
    outfile: join(project, 'dist/main/electron-main.cjs'),
    external: ['electron', 'better-sqlite3', 'node-hid', 'serialport', '@serialport/*', 'pino', 'pdfkit', '@embedpdf/fonts-sc'],
  });
  writeFileSync(join(project, 'dist/renderer/index.html'), '<!doctype html><title>海珠e办事</title>');
  // Electron's defaults on the wire: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect
  // on, asar integrity off, only-asar off, V8 snapshot off, file privileges on, wasm traps on.
  const stub = join(project, 'electron-stub', 'electron');
  writeFileSync(stub, Buffer.concat([Buffer.alloc(2048, 0x7f), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('101100011'), Buffer.alloc(2048, 0x7f)]));
  chmodSync(stub, 0o755);
  return project;
}

describe('electron-builder --dir with a stub Electron', () => {
  it('packs dist, package.json and the demo fixtures into app.asar, unpacks the native modules and flips the fuses', async () => {
    const project = await standInProject();
    const out = join(project, 'out');
    const result = spawnSync(
      process.execPath,
      [require.resolve('electron-builder/cli.js'), '--dir', '--linux', '--x64', `-c.electronDist=${join(project, 'electron-stub')}`, `-c.directories.output=${out}`, '--publish', 'never'],
      { cwd: project, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: 'true' }, timeout: 240_000 },
    );
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);

    const resources = join(out, 'linux-unpacked', 'resources');
    const files = new Set(asar.listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/')));
    for (const wanted of ['/package.json', '/dist/main/electron-main.cjs', '/dist/main/preload.cjs', '/dist/renderer/index.html', '/fixtures/residents/residents.json']) {
      expect(files, wanted).toContain(wanted);
    }
    // Sources, tests and dev tools stay out of the package.
    const unwanted = [...files].filter((f) => /^\/(main|renderer|contract|devices|tests|scripts)\//.test(f) || /^\/node_modules\/(electron|react|vitest|typescript|@doyensec)\//.test(f));
    expect(unwanted).toEqual([]);
    // Of the fixtures, only the demo profile's data files (JSON) are shipped, not their TypeScript.
    expect([...files].filter((f) => f.startsWith('/fixtures/') && /\.[a-z]+$/i.test(f) && !f.endsWith('.json'))).toEqual([]);

    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules');
    expect(existsSync(join(unpacked, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(existsSync(join(unpacked, 'node-hid'))).toBe(true);
    expect(existsSync(join(unpacked, '@serialport', 'bindings-cpp'))).toBe(true);

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
