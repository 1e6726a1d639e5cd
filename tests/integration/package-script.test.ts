import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// scripts/package.mjs needs the internet; offline it must stop with one clear sentence before
// touching anything. The probe is pointed at a closed loopback port to be offline on purpose.

const repo = resolve(import.meta.dirname, '../..');

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('npm run package offline', () => {
  it('names what it needs the internet for, then stops with one sentence and exit code 1', async () => {
    const port = await closedPort();
    const result = spawnSync(process.execPath, ['scripts/package.mjs'], {
      cwd: repo,
      env: { ...process.env, KIOSK_PACKAGE_PROBE_URL: `http://127.0.0.1:${port}/` },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Packaging the kiosk needs the internet for');
    expect(result.stdout).toContain('Electron download');
    expect(result.stdout).toContain('better-sqlite3');
    const error = result.stderr.trim();
    expect(error.split('\n')).toHaveLength(1);
    expect(error).toMatch(/^This machine cannot reach 127\.0\.0\.1:\d+, .*machine with internet access \(nothing was changed here\)\.$/);
    expect(result.stdout).not.toContain('> '); // no build, rebuild or electron-builder step ran
  });
});
