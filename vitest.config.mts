import { defineConfig } from 'vitest/config';

// One command runs everything CI runs. Projects split tests by runtime (STYLE.md habit 10):
// unit tests beside their code, integration tests against simulators on real ptys and a real
// IPP printer, end-to-end tests driving Debian's Chromium through the browser shell.
export default defineConfig({
  test: {
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['{main,devices,contract,fixtures,scripts}/**/*.test.ts'],
          // A safety net on a loaded 2-core CI machine, not a timing assertion (those live in bench/).
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
