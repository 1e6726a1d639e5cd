import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { prepareBundleOffThread } from './off-thread';
import { prepareBundle } from './prepare';
import { CatalogueError } from './types';

const fixture = new URL('../../fixtures/catalogue/bundle', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'kiosk-off-thread-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('prepareBundleOffThread', () => {
  test('gives exactly what prepareBundle gives on the main thread', async () => {
    const there = await prepareBundleOffThread(fixture);
    const here = prepareBundle(fixture);
    expect(there.rows).toEqual(here.rows);
    expect(there.bundle).toEqual(here.bundle);
    expect(there.manifestSha256).toBe(here.manifestSha256);
    expect([...there.files.keys()]).toEqual([...here.files.keys()]);
    for (const [hash, bytes] of here.files) expect(Buffer.from(there.files.get(hash)!).equals(bytes)).toBe(true);
  }, 60_000);

  test('runs off the main thread: a timer set after the call fires before the answer arrives', async () => {
    let answered = false;
    const pending = prepareBundleOffThread(fixture).then(() => (answered = true));
    // Run on this thread, the whole preparation (and the .then) would finish before any timer.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(answered).toBe(false);
    await pending;
    expect(answered).toBe(true);
  }, 60_000);

  test('a bundle that is not one comes back as the same typed error', async () => {
    const broken = join(scratch, 'broken');
    cpSync(fixture, broken, { recursive: true });
    writeFileSync(join(broken, 'catalogue.json'), '{"version": 2, "items": [');
    const error = await prepareBundleOffThread(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogueError);
    expect(error).toMatchObject({ code: 'CATALOGUE_INVALID', message: expect.stringContaining('not JSON') });
    const missing = await prepareBundleOffThread(join(scratch, 'nowhere')).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'CATALOGUE_INVALID', message: expect.stringContaining('cannot read catalogue.json') });
  }, 60_000);
});
