import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

// The demo profile spawns the simulator as a child process and reads its address from the first line.

const repoRoot = new URL('../../../', import.meta.url).pathname;

describe('fixtures/platform/cli.ts', () => {
  it('prints PLATFORM_URL on its first stdout line, serves, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'platform-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'fixtures/platform/cli.ts', '--port', '0', '--data', dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no address within 30 s')), 30_000);
        createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
          clearTimeout(timer);
          resolve(line);
        });
      });
      expect(first).toMatch(/^PLATFORM_URL=http:\/\/127\.0\.0\.1:\d+$/);
      const url = first.slice('PLATFORM_URL='.length);
      const stats = (await (await fetch(`${url}/__admin/stats`)).json()) as { events: number };
      expect(stats.events).toBe(0);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
