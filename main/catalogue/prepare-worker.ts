import { parentPort, workerData } from 'node:worker_threads';
import { prepareBundle } from './prepare';
import { CatalogueError } from './types';

// Worker-thread entry (off-thread.ts): prepares one bundle and posts the result or a plain error.
// Bundled on its own by scripts/build.mjs as dist/main/catalogue-prepare-worker.cjs.

const { bundleDir } = workerData as { bundleDir: string };
try {
  parentPort?.postMessage({ ok: true, value: prepareBundle(bundleDir) });
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  parentPort?.postMessage({ ok: false, error: { name: e.name, message: e.message, code: error instanceof CatalogueError ? error.code : undefined } });
}
