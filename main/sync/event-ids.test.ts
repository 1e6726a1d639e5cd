import { describe, expect, it } from 'vitest';
import { ManualClock } from '../util/clock';
import { timeOrderedIds } from './event-ids';

describe('timeOrderedIds', () => {
  it('makes RFC 9562 version-7 UUIDs that sort in creation order, also within one millisecond', () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 28));
    const ids = timeOrderedIds(clock);
    const made: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i % 1000 === 0) clock.advance(1);
      made.push(ids.uuid());
    }
    clock.set(Date.UTC(2020, 0, 1)); // a clock set back must not break the order
    made.push(ids.uuid());
    expect(made.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });
});
