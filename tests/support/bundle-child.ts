import { build } from 'esbuild';
import { dirname, join } from 'node:path';

const repoRoot = new URL('../../', import.meta.url).pathname;

/**
 * Bundles the entry of a test's child process into one ESM file (dependencies stay in
 * node_modules), with the catalogue worker beside it as scripts/build.mjs lays out dist/main: the
 * bundled main code starts that worker from the file next to itself (main/catalogue/off-thread.ts).
 */
export async function bundleChild(entry: string, outfile: string): Promise<void> {
  const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'silent' } as const;
  await build({ ...common, entryPoints: [entry], format: 'esm', packages: 'external', outfile });
  await build({ ...common, entryPoints: [join(repoRoot, 'main/catalogue/prepare-worker.ts')], format: 'cjs', outfile: join(dirname(outfile), 'catalogue-prepare-worker.cjs') });
}
