import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensurePrinterServices } from './ippeveprinter';
import { hasProgram } from './system';

/** A kiosk running through the browser shell in its own process, as `npm run start:browser` runs it. */
export type KioskProcess = {
  url: string;
  /** The kiosk's own process (node running the browser shell), e.g. to read its memory. */
  pid: number;
  origin: string;
  secret: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
};

const repoRoot = new URL('../../', import.meta.url).pathname;

export async function startKioskProcess(env: Record<string, string> = {}): Promise<KioskProcess> {
  // The demo's A4 printer is a real ippeveprinter, which will not start without D-Bus and avahi:
  // start them here rather than count on an earlier test file having done it.
  if ((env.KIOSK_PROFILE ?? 'demo') === 'demo' && hasProgram('ippeveprinter')) await ensurePrinterServices();
  const dataDir = env.KIOSK_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'main/browser-shell/cli.ts'], {
    cwd: repoRoot,
    env: { ...process.env, KIOSK_PROFILE: 'demo', KIOSK_NO_BROWSER: '1', KIOSK_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not print its address within 30 s:\n${output}`)), 30_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    pid: child.pid ?? 0,
    origin: parsed.origin,
    secret: parsed.hash.replace('#secret=', ''),
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        });
      }
      if (!env.KIOSK_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
