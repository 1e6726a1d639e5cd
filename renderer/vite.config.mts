import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// This file sits under renderer/, whose lint forbids node:* and whose tsconfig has DOM types only,
// so paths come from import.meta.url by hand ("/C:/x" → "C:/x" on Windows).
const here = (relative: string): string => {
  const path = decodeURIComponent(new URL(relative, import.meta.url).pathname);
  return /^\/[A-Za-z]:/.test(path) ? path.slice(1) : path;
};

// The renderer is loaded from disk (Electron) or from the browser shell's loopback server, so
// every path is relative (base './') and nothing is fetched from anywhere else.
export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    // The CSP allows no inline script: keep Vite from inlining its module-preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'chrome130',
    // The timing report is noise on the shared 2-core build machines, not a problem to fix.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
