import { randomUUID } from 'node:crypto';

/** The world, injected (STYLE.md habit 4): services never read the wall clock or make ids themselves. */
export type Clock = {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A clock that never goes backwards, for durations and timeouts. */
  monotonic(): number;
};

export type IdSource = { uuid(): string };

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

export const randomIds: IdSource = { uuid: () => randomUUID() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private ms = Date.UTC(2026, 10, 28, 2, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  monotonic(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}

/** Deterministic ids for tests: id-0001, id-0002, … */
export function sequentialIds(prefix = 'id'): IdSource {
  let n = 0;
  return { uuid: () => `${prefix}-${String(++n).padStart(4, '0')}` };
}
