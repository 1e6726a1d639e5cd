import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The demo profile's central platform: the simulator in fixtures/platform runs as its own process,
 * as a real platform would (main/ never imports fixtures/). From a source checkout it runs through
 * tsx; from a build, the bundled dist/demo/platform-sim.mjs. The Electron shell passes its own
 * launcher (a utilityProcess) because Electron's RunAsNode fuse is off.
 */
export type PlatformProcess = { url: string; stop(): Promise<void> };
export type PlatformLauncher = (dataDir: string) => Promise<PlatformProcess>;

const root = fileURLToPath(new URL('../../', import.meta.url));

export const launchPlatformSimulator: PlatformLauncher = async (dataDir) => {
  const bundled = `${root}dist/demo/platform-sim.mjs`;
  const source = `${root}fixtures/platform/cli.ts`;
  const args = existsSync(source) ? ['--import', 'tsx', source] : [bundled];
  const child = spawn(process.execPath, [...args, '--port', '0', '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return readUrl(child);
};

export function readUrl(child: ChildProcess): Promise<PlatformProcess> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the platform simulator did not start within 20 s: ${stderr}`));
    }, 20_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^PLATFORM_URL=(\S+)/.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      lines.close();
      resolve({
        url: match[1],
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the platform simulator exited with code ${code}: ${stderr}`));
    });
  });
}
