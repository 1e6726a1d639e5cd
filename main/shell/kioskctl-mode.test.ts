import { describe, expect, it } from 'vitest';
import { kioskctlArgs, runKioskctlMode } from './kioskctl-mode';

describe('kioskctl mode of the packaged app', () => {
  it('takes everything after --kioskctl, and nothing on a normal start', () => {
    expect(kioskctlArgs(['/opt/haizhu-kiosk/haizhu-kiosk', '--kioskctl', 'status', '--json'])).toEqual(['status', '--json']);
    expect(kioskctlArgs(['/opt/haizhu-kiosk/haizhu-kiosk', '--no-sandbox', '--kioskctl'])).toEqual([]);
    expect(kioskctlArgs(['/opt/haizhu-kiosk/haizhu-kiosk'])).toBeNull();
    expect(kioskctlArgs(['/opt/haizhu-kiosk/haizhu-kiosk', 'status'])).toBeNull();
  });

  it('prints to stdout and exits 0 on success, to stderr with the code on failure, 1 when run throws', async () => {
    const seen: string[] = [];
    const io = { stdout: (t: string) => seen.push(`out:${t}`), stderr: (t: string) => seen.push(`err:${t}`), exit: (c: number) => seen.push(`exit:${c}`) };
    await runKioskctlMode(['status'], async (argv) => ({ code: 0, out: `ran ${argv.join(' ')}` }), io);
    await runKioskctlMode(['audit', 'verify'], async () => ({ code: 1, out: 'broken link at 7' }), io);
    await runKioskctlMode(['x'], async () => {
      throw new Error('no data directory');
    }, io);
    expect(seen).toEqual(['out:ran status\n', 'exit:0', 'err:broken link at 7\n', 'exit:1', 'err:kioskctl: no data directory\n', 'exit:1']);
  });
});
