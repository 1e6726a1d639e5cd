import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { prepareBundle } from '../../main/catalogue/prepare';

// The packaged app starts the catalogue worker from the text of dist/main/catalogue-prepare-worker.cjs
// (main/catalogue/off-thread.ts): this runs that very file the same way, with nothing else loaded,
// so a missing external or a stray import.meta in the bundle fails here and not on a kiosk.

const repo = new URL('../../', import.meta.url).pathname;
const bundled = join(repo, 'dist/main/catalogue-prepare-worker.cjs');
const built = existsSync(bundled);
if (!built && process.env.CI === 'true') throw new Error(`${bundled} is missing: npm test builds it first (npm run build)`);

describe.skipIf(!built)('the bundled catalogue worker', () => {
  test('prepares the demo bundle from its source text alone, as the packaged app starts it', async () => {
    const bundleDir = join(repo, 'fixtures/catalogue/bundle');
    const worker = new Worker(readFileSync(bundled, 'utf8'), { eval: true, workerData: { bundleDir } });
    const reply = await new Promise<{ ok: boolean; value: ReturnType<typeof prepareBundle> }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(reply.ok).toBe(true);
    expect(reply.value.rows).toEqual(prepareBundle(bundleDir).rows);
  }, 60_000);

  test('a broken bundle is answered with the typed error, not a crash', async () => {
    const worker = new Worker(readFileSync(bundled, 'utf8'), { eval: true, workerData: { bundleDir: join(repo, 'no-such-bundle') } });
    const reply = await new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(reply).toMatchObject({ ok: false, error: { name: 'CatalogueError', code: 'CATALOGUE_INVALID' } });
  }, 60_000);
});
