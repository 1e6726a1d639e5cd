import { describe, expect, it } from 'vitest';
import { CRASH_WINDOW_MS, CrashPolicy } from './crash-policy';

const MINUTE = 60_000;

function policyAt(start = 1_000_000) {
  let now = start;
  const policy = new CrashPolicy({ now: () => now });
  return { policy, advance: (ms: number) => void (now += ms) };
}

describe('crash policy', () => {
  it('reloads after the first and second crash, relaunches on the third within ten minutes', () => {
    const { policy, advance } = policyAt();
    expect(policy.record('renderer-gone')).toBe('reload');
    advance(4 * MINUTE);
    expect(policy.record('renderer-unresponsive')).toBe('reload');
    advance(4 * MINUTE);
    expect(policy.record('gpu-gone')).toBe('relaunch');
  });

  it('slides the window: crashes older than ten minutes no longer count', () => {
    const { policy, advance } = policyAt();
    expect(policy.record('renderer-gone')).toBe('reload'); // t = 0
    advance(6 * MINUTE);
    expect(policy.record('renderer-gone')).toBe('reload'); // t = 6
    advance(5 * MINUTE);
    expect(policy.record('renderer-gone')).toBe('reload'); // t = 11: the first has left the window
    expect(policy.recent()).toBe(2);
    advance(4 * MINUTE);
    expect(policy.record('renderer-gone')).toBe('relaunch'); // t = 15: 6, 11, 15 are within ten minutes
  });

  it('counts a crash exactly ten minutes later as outside the window', () => {
    const { policy, advance } = policyAt();
    policy.record('gpu-gone');
    policy.record('gpu-gone');
    advance(CRASH_WINDOW_MS);
    expect(policy.record('gpu-gone')).toBe('reload');
    expect(policy.recent()).toBe(1);
  });

  it('starts counting afresh after a relaunch decision', () => {
    const { policy } = policyAt();
    policy.record('renderer-gone');
    policy.record('renderer-gone');
    expect(policy.record('renderer-gone')).toBe('relaunch');
    expect(policy.recent()).toBe(0);
    expect(policy.record('renderer-gone')).toBe('reload');
  });

  it('never relaunches for crashes spread out over a long time', () => {
    const { policy, advance } = policyAt();
    for (let i = 0; i < 50; i += 1) {
      expect(policy.record('renderer-gone')).toBe('reload');
      advance(5 * MINUTE + 1);
    }
  });
});
