import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A real, small file system for disk-full tests: a tmpfs of a fixed size (root only). ENOSPC there is
// the kernel's, SQLITE_FULL is SQLite's own reaction to it: nothing is simulated.

let probed: boolean | undefined;

/**
 * Whether this machine lets the test mount a tmpfs (root, or CAP_SYS_ADMIN in a container). Skips on
 * a laptop without it; with CI=true a missing capability is a failure, never a skip (like `needs`).
 */
export function canMountTmpfs(): boolean {
  if (probed === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'tmpfs-probe-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
      execFileSync('umount', [dir], { stdio: 'ignore' });
      probed = true;
    } catch {
      probed = false;
    }
    rmSync(dir, { recursive: true, force: true });
  }
  if (!probed) {
    const message = 'mounting a tmpfs needs root (or CAP_SYS_ADMIN): the real disk-full run cannot happen';
    if (process.env.CI === 'true') throw new Error(`${message} (CI must not skip this test)`);
    process.stderr.write(`skipping: ${message}\n`);
  }
  return probed;
}

export type SmallDisk = {
  dir: string;
  free(): number;
  /** Writes a ballast file so that about `bytes` stay free (rounded to pages by tmpfs). */
  leaveFree(bytes: number): void;
  /** Removes the ballast: the technician freed some space. */
  clearBallast(): void;
  unmount(): void;
};

export function mountSmallDisk(sizeBytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir]);
  const ballastDir = join(dir, 'ballast');
  mkdirSync(ballastDir);
  let n = 0;
  const free = () => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    free,
    leaveFree(bytes) {
      const fill = free() - bytes;
      if (fill <= 0) return;
      const fd = openSync(join(ballastDir, `ballast-${++n}`), 'w');
      try {
        const chunk = Buffer.alloc(1024 * 1024, 0xa5);
        for (let left = fill; left > 0; left -= chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, left));
      } finally {
        closeSync(fd);
      }
    },
    clearBallast() {
      rmSync(ballastDir, { recursive: true, force: true });
      mkdirSync(ballastDir);
    },
    unmount() {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
