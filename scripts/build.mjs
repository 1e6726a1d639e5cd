// Builds what the shells load: the renderer (Vite) into dist/renderer, and the Electron main
// process and its sandboxed preload (esbuild, one CommonJS file each) into dist/main.
import { build as esbuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { build as viteBuild } from 'vite';

const external = ['electron', 'better-sqlite3', 'node-hid', 'serialport', '@serialport/*', 'pino', 'pdfkit', '@embedpdf/fonts-sc'];

await viteBuild({ configFile: 'renderer/vite.config.mts', logLevel: 'warn' });

const bundles = [
  { entry: 'main/shell/electron-main.ts', out: 'dist/main/electron-main.cjs', external },
  // The preload runs sandboxed: it must be one self-contained file that requires only 'electron'.
  { entry: 'main/shell/preload.ts', out: 'dist/main/preload.cjs', external: ['electron'] },
];
for (const { entry, out, external: ext } of bundles) {
  if (!existsSync(entry)) continue;
  await esbuild({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ext,
    sourcemap: true,
    logLevel: 'warning',
  });
}
