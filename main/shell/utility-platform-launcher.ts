import type { UtilityProcess } from 'electron';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { readUrl, type PlatformLauncher } from '../demo/platform-launcher';

/**
 * The demo profile's platform simulator inside Electron: a utilityProcess running the bundled
 * dist/demo/platform-sim.mjs, because the RunAsNode fuse is off (process.execPath cannot act as
 * Node there). Its output is read exactly as for a Node child process.
 */
export function utilityPlatformLauncher(
  fork: (modulePath: string, args: string[], options: { stdio: 'pipe'; serviceName: string }) => UtilityProcess,
  distDir: string,
): PlatformLauncher {
  return (dataDir) => {
    const child = fork(join(distDir, 'demo', 'platform-sim.mjs'), ['--port', '0', '--data', dataDir], {
      stdio: 'pipe',
      serviceName: 'haizhu-platform-simulator',
    });
    let exitCode: number | null = null;
    child.once('exit', (code) => (exitCode = code));
    // readUrl expects the ChildProcess surface it uses: stdout/stderr, exitCode, exit and kill.
    return readUrl({
      stdout: child.stdout as Readable,
      stderr: child.stderr as Readable,
      get exitCode() {
        return exitCode;
      },
      once: (event: 'exit', listener: (code: number) => void) => child.once(event, listener),
      kill: () => child.kill(),
    } as unknown as Parameters<typeof readUrl>[0]);
  };
}
