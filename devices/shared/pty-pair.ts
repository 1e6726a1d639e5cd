import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real pseudo-terminal pair made by socat (Debian package socat): the kiosk's adapter opens `hostPath` through the real
 * serialport binding, the device simulator opens `devicePath`. `unplug()` kills socat (the port
 * vanishes, as when a USB-serial adapter is pulled) and `replug()` makes a new pair at the same paths.
 */
export type PtyPair = {
  hostPath: string;
  devicePath: string;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
};

export async function openPtyPair(name = 'tty'): Promise<PtyPair> {
  const dir = await mkdtemp(join(tmpdir(), `kiosk-pty-${name}-`));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  let socat: ChildProcess | undefined;

  const start = async () => {
    socat = spawn('socat', [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        await access(hostPath);
        await access(devicePath);
        return;
      } catch {
        if (Date.now() > deadline) throw new Error('socat did not create the pty pair within 5 s');
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };

  const stop = async () => {
    const proc = socat;
    socat = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  };

  await start();
  return {
    hostPath,
    devicePath,
    unplug: stop,
    replug: start,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
