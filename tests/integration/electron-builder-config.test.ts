import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// electron-builder.yml checked against electron-builder's own JSON schema (draft-07), and the
// afterPack hook run against a binary with a real fuse wire, flipped by the real @electron/fuses.

const repo = resolve(import.meta.dirname, '../..');
const require = createRequire(join(repo, 'package.json'));
type AfterPack = ((context: object, options?: { loadFuses?: () => Promise<unknown> }) => Promise<string>) & {
  FUSES: Record<string, boolean>;
};
const afterPack = require('./scripts/after-pack.cjs') as AfterPack;
const config = load(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

function schemaValidator() {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  // electron-builder's schema uses ajv-keywords' `typeof` for hook functions.
  ajv.addKeyword({ keyword: 'typeof', validate: (type: string, data: unknown) => typeof data === type });
  return ajv.compile(schema);
}

describe('electron-builder.yml', () => {
  const validate = schemaValidator();

  it("is valid against electron-builder's scheme.json", () => {
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is rejected by the same schema when a key is misspelt (the check can fail)', () => {
    expect(validate({ ...config, npmRebuilt: false })).toBe(false);
  });

  it('packs the kiosk the way STACK.md and issue 2 ask', () => {
    const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { productName: string; main: string };
    expect(config.productName).toBe('海珠e办事');
    expect(config.productName).toBe(packageJson.productName);
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(packageJson.main).toBe('dist/main/electron-main.cjs');
    const unpack = (config.asarUnpack as string[]).join('\n');
    for (const native of ['better-sqlite3', 'node-hid', 'serialport', '*.node']) expect(unpack).toContain(native);
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect(config.afterPack).toBe('scripts/after-pack.cjs');
    expect(existsSync(join(repo, config.afterPack as string))).toBe(true);
    expect(config.electronVersion).toBe(require('electron/package.json').version);
  });
});

describe('afterPack fuses', () => {
  const work = mkdtempSync(join(tmpdir(), 'kiosk-fuses-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  // Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, asar
  // integrity off, only-asar off, V8 snapshot off, file-protocol privileges on, wasm trap handlers on.
  const DEFAULT_WIRE = '101100011';

  function fakeElectronBinary(path: string) {
    const filler = Buffer.alloc(4096, 0x41);
    writeFileSync(path, Buffer.concat([filler, Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE), filler]));
  }

  it('flips the fuses in the packaged Linux binary', async () => {
    const binary = join(work, 'haizhu-kiosk');
    fakeElectronBinary(binary);
    const context = { appOutDir: work, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'haizhu-kiosk', appInfo: { productFilename: '海珠e办事' } } };
    await expect(afterPack(context)).resolves.toBe(binary);
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // Fuses the kiosk does not set keep Electron's defaults.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE);
  });

  it('finds the Windows and macOS binaries and asks for an ad-hoc re-sign on arm64 macOS', async () => {
    const flipFuses = vi.fn(async () => 1);
    const fuses = { ...(await import('@electron/fuses')), flipFuses };
    const packager = { executableName: 'haizhu-kiosk', appInfo: { productFilename: '海珠e办事' } };
    await afterPack({ appOutDir: '/out/win-unpacked', electronPlatformName: 'win32', arch: 1, packager }, { loadFuses: async () => fuses });
    await afterPack({ appOutDir: '/out/mac-arm64', electronPlatformName: 'darwin', arch: 3, packager }, { loadFuses: async () => fuses });
    expect(flipFuses.mock.calls[0]).toEqual([
      join('/out/win-unpacked', '海珠e办事.exe'),
      {
        version: '1',
        [FuseV1Options.RunAsNode]: false,
        [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
        [FuseV1Options.EnableNodeCliInspectArguments]: false,
        [FuseV1Options.EnableCookieEncryption]: true,
        [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
        [FuseV1Options.OnlyLoadAppFromAsar]: true,
        [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      },
    ]);
    expect(flipFuses.mock.calls[1]).toEqual([join('/out/mac-arm64', '海珠e办事.app'), expect.objectContaining({ resetAdHocDarwinSignature: true })]);
  });
});
