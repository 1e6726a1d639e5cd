import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { utilityPlatformLauncher } from './utility-platform-launcher';

class FakeUtilityProcess extends EventEmitter {
  stdout = new PassThrough();
  stderr = new PassThrough();
  killed = false;
  kill() {
    this.killed = true;
    setImmediate(() => this.emit('exit', 0));
    return true;
  }
}

describe('utilityPlatformLauncher', () => {
  it('forks the bundled simulator, reads its address and stops it', async () => {
    const calls: Array<{ path: string; args: string[]; options: object }> = [];
    const child = new FakeUtilityProcess();
    const launch = utilityPlatformLauncher((path, args, options) => {
      calls.push({ path, args, options });
      setImmediate(() => child.stdout.write('PLATFORM_URL=http://127.0.0.1:4567\n'));
      return child as never;
    }, '/app/dist');
    const platform = await launch('/data/platform-simulator');
    expect(platform.url).toBe('http://127.0.0.1:4567');
    expect(calls).toEqual([
      {
        path: '/app/dist/demo/platform-sim.mjs',
        args: ['--port', '0', '--data', '/data/platform-simulator'],
        options: { stdio: 'pipe', serviceName: 'haizhu-platform-simulator' },
      },
    ]);
    await platform.stop();
    expect(child.killed).toBe(true);
  });

  it('reports a simulator that dies before it is ready', async () => {
    const child = new FakeUtilityProcess();
    const launch = utilityPlatformLauncher(() => {
      setImmediate(() => {
        child.stderr.write('boom');
        child.emit('exit', 1);
      });
      return child as never;
    }, '/app/dist');
    await expect(launch('/data')).rejects.toThrow(/exited with code 1/);
  });
});
