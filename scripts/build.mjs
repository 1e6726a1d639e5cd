// Builds what the shells load: the renderer (Vite) into dist/renderer, and the Electron main
// process and its sandboxed preload (esbuild, one CommonJS file each) into dist/main.
import { build as esbuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';
import { build as viteBuild } from 'vite';

const external = ['electron', 'better-sqlite3', 'node-hid', 'serialport', '@serialport/*', 'pino', 'pdfkit', '@embedpdf/fonts-sc'];

await viteBuild({ configFile: 'renderer/vite.config.mts', logLevel: 'warn' });

// Recordings of the fixed phrases for platforms without a Chinese voice (scripts/voice/build-voice.ts).
const { buildVoice } = await tsImport('./voice/build-voice.ts', import.meta.url);
await buildVoice({
  root: '.',
  outDir: 'dist/renderer',
  cacheDir: 'node_modules/.cache/kiosk-voice',
  requireTools: process.env.CI === 'true',
  log: (line) => console.log(line),
});

// The main bundle keeps the source tree's depth (dist/main ≈ main/x), so paths made from
// import.meta.url resolve to the same places; in CommonJS it is rebuilt from __filename.
const importMetaUrl = {
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};
const bundles = [
  { entry: 'main/shell/electron-main.ts', out: 'dist/main/electron-main.cjs', format: 'cjs', external, ...importMetaUrl },
  // The preload runs sandboxed: it must be one self-contained file that requires only 'electron'.
  { entry: 'main/shell/preload.ts', out: 'dist/main/preload.cjs', format: 'cjs', external: ['electron'] },
  // The catalogue's read-and-index worker (main/catalogue/off-thread.ts), self-contained: it is
  // started from its source text, so it must require nothing but Node's own modules.
  { entry: 'main/catalogue/prepare-worker.ts', out: 'dist/main/catalogue-prepare-worker.cjs', format: 'cjs', external: [] },
  // The demo profile's platform simulator runs as its own process (main/demo/platform-launcher.ts).
  { entry: 'fixtures/platform/cli.ts', out: 'dist/demo/platform-sim.mjs', format: 'esm', external },
];
for (const { entry, out, format, external: ext, define, banner } of bundles) {
  if (!existsSync(entry)) continue;
  await esbuild({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    external: ext,
    sourcemap: true,
    logLevel: 'warning',
    ...(define ? { define } : {}),
    ...(banner ? { banner } : {}),
  });
}
