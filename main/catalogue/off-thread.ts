import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { buildSync } from 'esbuild';
import type { PreparedBundle } from './prepare';
import { CatalogueError } from './types';

// prepareBundle() on a worker thread. Reading, checking and indexing a 530-item bundle takes the
// CPU for about half a second (6 s at 5,000 items); on the main thread that is half a second in
// which no tap, card or printer event is answered. Only the inserts stay on the main thread.

type Reply = { ok: true; value: PreparedBundle } | { ok: false; error: { name: string; message: string; code?: CatalogueError['code'] } };

let sourceTreeWorker: string | undefined;

/**
 * The worker's code, run with `eval` so it starts the same way from the source tree, from dist/ and
 * from inside Electron's asar archive (Workers long could not load files from an asar —
 * electron/electron#22446 — and from source text it does not matter).
 */
function workerSource(): string {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    // Bundled main process: scripts/build.mjs put the worker, self-contained, beside the bundle.
    return readFileSync(fileURLToPath(new URL('./catalogue-prepare-worker.cjs', here)), 'utf8');
  }
  // Source tree (tsx, vitest): bundle the same entry the same way, in memory, once per process
  // (esbuild is a dev dependency, and only the source tree gets here).
  if (sourceTreeWorker === undefined) {
    const esbuild = createRequire(here)('esbuild') as { buildSync: typeof buildSync };
    const result = esbuild.buildSync({
      entryPoints: [fileURLToPath(new URL('./prepare-worker.ts', here))],
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent',
    });
    sourceTreeWorker = result.outputFiles[0]?.text ?? '';
  }
  return sourceTreeWorker;
}

export async function prepareBundleOffThread(bundleDir: string): Promise<PreparedBundle> {
  const worker = new Worker(workerSource(), { eval: true, workerData: { bundleDir } });
  try {
    const reply = await new Promise<Reply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the catalogue worker stopped (exit ${code}) before answering`)));
    });
    if (reply.ok) return reply.value;
    const { code, message } = reply.error;
    throw code ? new CatalogueError(code, message) : new Error(`catalogue worker: ${message}`);
  } finally {
    await worker.terminate();
  }
}
