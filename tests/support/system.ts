import { execFileSync } from 'node:child_process';

/** True when a system program is on PATH. */
export function hasProgram(program: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decide whether a test that needs a system program runs. On a laptop without it the test
 * skips, naming the Debian package; with CI=true a missing program is a failure, never a skip.
 * Use as `describe.skipIf(!needs('socat', 'socat'))(...)`.
 */
export function needs(program: string, debianPackage: string): boolean {
  if (hasProgram(program)) return true;
  const message = `${program} is missing: apt-get install ${debianPackage}`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI must not skip this test)`);
  process.stderr.write(`skipping: ${message}\n`);
  return false;
}
