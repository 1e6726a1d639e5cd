import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Sleeper, systemClock } from './clock';
import { startDeviceLoop, type DeviceLoopSteps } from './device-loop';

const timings = { pollMs: 100, reopenFirstMs: 250, reopenMaxMs: 1000 };

describe('startDeviceLoop (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A device that opens on the `opensOn`-th attempt and records what the loop did, and when. */
  function device(opensOn: number) {
    const log: string[] = [];
    let attempts = 0;
    let open = false;
    let closed = false;
    const steps: DeviceLoopSteps = {
      closed: () => closed,
      connected: () => open,
      connect: async () => {
        attempts++;
        log.push(`connect@${Date.now()}`);
        open = attempts >= opensOn;
        return open;
      },
      poll: async () => {
        log.push(`poll@${Date.now()}`);
        if (log.length === 3) throw new Error('a poll that throws ends nothing');
      },
    };
    return { steps, log, lose: () => (open = false), close: () => (closed = true) };
  }

  it('open() may return after the first attempt, failed or not; then it retries with a doubling backoff', async () => {
    vi.setSystemTime(0);
    const d = device(3);
    const sleeper = new Sleeper(systemClock);
    const loop = startDeviceLoop(d.steps, timings, sleeper);
    await loop.firstAttempt;
    expect(d.log).toEqual(['connect@0']);
    await vi.advanceTimersByTimeAsync(250 + 500 + 250);
    expect(d.log.slice(0, 5)).toEqual(['connect@0', 'connect@250', 'connect@750', 'poll@750', 'poll@850']);
    // Lost: the next turn reopens at once, and the backoff starts from the beginning again.
    d.lose();
    await vi.advanceTimersByTimeAsync(100);
    expect(d.log.filter((l) => l.startsWith('connect'))).toHaveLength(4);
    d.close();
    sleeper.cancel();
    await loop.done;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('closed before it starts, it ends at once and open() does not hang', async () => {
    const d = device(1);
    d.close();
    const loop = startDeviceLoop(d.steps, timings, new Sleeper(systemClock));
    await loop.firstAttempt;
    await loop.done;
    expect(d.log).toEqual([]);
  });
});
