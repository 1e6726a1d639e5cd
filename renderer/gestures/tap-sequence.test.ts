import { describe, expect, test } from 'vitest';
import { createTapSequence } from './tap-sequence';

function detector() {
  let now = 0;
  const sequence = createTapSequence({ taps: 5, withinMs: 3_000, now: () => now });
  return { at: (t: number) => ((now = t), sequence.tap()), sequence };
}

describe('five taps within three seconds', () => {
  test('the fifth tap inside the window completes the gesture', () => {
    const d = detector();
    expect([0, 500, 1000, 1500, 2000].map(d.at)).toEqual([false, false, false, false, true]);
  });

  test('exactly three seconds from first to fifth still counts; a moment more does not', () => {
    const a = detector();
    expect([0, 1000, 2000, 2500, 3000].map(a.at).at(-1)).toBe(true);
    const b = detector();
    expect([0, 1000, 2000, 2500, 3001].map(b.at).at(-1)).toBe(false);
  });

  test('slow taps never add up, however many', () => {
    const d = detector();
    expect(Array.from({ length: 20 }, (_, i) => d.at(i * 800)).some(Boolean)).toBe(false);
  });

  test('the window slides: old taps drop out and later quick taps complete it', () => {
    const d = detector();
    expect([0, 100, 200, 5000, 5100, 5200, 5300].map(d.at)).toEqual([false, false, false, false, false, false, false]);
    expect(d.at(5400)).toBe(true);
  });

  test('a sixth tap starts a new count instead of triggering again', () => {
    const d = detector();
    [0, 100, 200, 300, 400].forEach(d.at);
    expect([500, 600, 700, 800].map(d.at)).toEqual([false, false, false, false]);
    expect(d.at(900)).toBe(true);
  });

  test('reset forgets the taps so far', () => {
    const d = detector();
    [0, 100, 200, 300].forEach(d.at);
    d.sequence.reset();
    expect(d.at(400)).toBe(false);
  });
});
