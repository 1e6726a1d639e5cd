import { describe, expect, test } from 'vitest';
import { freshSession, isPristine, sessionReducer } from './session-state';

describe('session state', () => {
  test('a fresh visit at the technician volume is pristine; a resident change is not', () => {
    const fresh = freshSession('high');
    expect(fresh.volume).toBe('high');
    expect(isPristine(fresh, 'high')).toBe(true);
    const changed = sessionReducer(fresh, { type: 'cycleVolume' });
    expect(changed.volume).toBe('low');
    expect(isPristine(changed, 'high')).toBe(false);
  });

  test('a card seen, another screen or another language each make the visit worth protecting', () => {
    const fresh = freshSession();
    expect(isPristine(sessionReducer(fresh, { type: 'cardSeen' }))).toBe(false);
    expect(isPristine(sessionReducer(fresh, { type: 'open', screen: { name: 'help' } }))).toBe(false);
    expect(isPristine(sessionReducer(fresh, { type: 'toggleLang' }))).toBe(false);
  });
});
