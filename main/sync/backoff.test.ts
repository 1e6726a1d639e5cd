import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const top = () => 0.999999;
  it('doubles its ceiling from 1 s and caps at 300 s', () => {
    expect([1, 2, 3, 4, 9, 10, 50].map((n) => Math.ceil(backoffDelay(n, top) / 1000))).toEqual([1, 2, 4, 8, 256, 300, 300]);
  });
  it('draws uniformly below the ceiling (full jitter)', () => {
    expect(backoffDelay(4, () => 0)).toBe(0);
    expect(backoffDelay(4, () => 0.5)).toBe(4000);
  });
  it('never retries sooner than Retry-After', () => {
    expect(backoffDelay(1, () => 0, undefined, 7000)).toBe(7000);
    expect(backoffDelay(10, top, undefined, 7000)).toBeGreaterThan(7000);
  });
});
