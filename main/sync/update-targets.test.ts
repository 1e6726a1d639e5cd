import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { catalogueStats, installCatalogue } from '../catalogue';
import { fixtureBundleDir, tempDatabase } from '../catalogue/test-support';
import { systemClock } from '../util/clock';
import { catalogueTarget } from './update-targets';
import type { ManifestPayload } from './update-verify';

// The catalogue target reads and indexes a staged bundle once, on a worker thread, in validate();
// install() then runs only the transaction — and never installs a preparation of another directory.

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup() {
  const temp = tempDatabase();
  cleanup = temp.cleanup;
  installCatalogue(temp.db, fixtureBundleDir, { source: 'fixture' });
  const staged = (version: number, name: string) => {
    const dir = join(temp.dir, name);
    cpSync(fixtureBundleDir, dir, { recursive: true });
    const json = JSON.parse(readFileSync(join(dir, 'catalogue.json'), 'utf8')) as { version: number };
    writeFileSync(join(dir, 'catalogue.json'), JSON.stringify({ ...json, version }));
    const files = ['catalogue.json', ...(JSON.parse(readFileSync(join(dir, 'catalogue.json'), 'utf8')) as { forms: { blank: { file: string }; sample: { file: string } }[] }).forms.flatMap((f) => [f.blank.file, f.sample.file])];
    const manifest = { version, itemCount: 530, files: files.map((path) => ({ path, length: 0, sha256: '' })) } as unknown as ManifestPayload;
    return { dir, manifest };
  };
  return { db: temp.db, staged };
}

describe('catalogueTarget', () => {
  test('validate prepares the staged bundle; install switches to it', async () => {
    const { db, staged } = setup();
    const target = catalogueTarget(db, { clock: systemClock });
    const next = staged(2, 'v2');
    await target.validate(next.dir, next.manifest);
    await target.install(next.dir, next.manifest);
    expect(catalogueStats(db).active?.bundleVersion).toBe(2);
    expect(await target.healthy()).toBe(true);
  }, 60_000);

  test('a bundle that disagrees with its manifest is refused as semantic, and nothing is installed', async () => {
    const { db, staged } = setup();
    const target = catalogueTarget(db, { clock: systemClock });
    const next = staged(3, 'v3');
    await expect(target.validate(next.dir, { ...next.manifest, version: 4 })).rejects.toMatchObject({ check: 'semantic', message: expect.stringContaining('mix-and-match') });
    await expect(target.validate(next.dir, { ...next.manifest, itemCount: 531 })).rejects.toMatchObject({ check: 'semantic' });
    expect(catalogueStats(db).active?.bundleVersion).toBe(1);
  }, 60_000);

  test('install of another directory than the one validated reads that directory, not the old preparation', async () => {
    const { db, staged } = setup();
    const target = catalogueTarget(db, { clock: systemClock });
    const first = staged(2, 'a');
    const second = staged(5, 'b');
    await target.validate(first.dir, first.manifest);
    await target.install(second.dir, second.manifest);
    expect(catalogueStats(db).active?.bundleVersion).toBe(5);
  }, 60_000);
});
