import { describe, expect, it } from 'vitest';
import { hashCardNumber, hashPin, lockState, verifyCardNumber, verifyPin, type Attempt } from './pin';

const MIN = 60_000;

describe('PIN hashes', () => {
  it('verifies the right PIN only', () => {
    const hash = hashPin('246810');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(verifyPin('246810', hash)).toBe(true);
    expect(verifyPin('246811', hash)).toBe(false);
    expect(verifyPin('246810', 'scrypt$garbage')).toBe(false);
    expect(() => hashPin('12')).toThrow(/4 to 12 digits/);
  });
});

describe('lockout', () => {
  const fails = (start: number, count: number, step = 1000): Attempt[] =>
    Array.from({ length: count }, (_, i) => ({ at: start + i * step, success: false }));

  it('counts down the attempts left', () => {
    expect(lockState([], 0)).toEqual({ locked: false, attemptsLeft: 5 });
    expect(lockState(fails(0, 3), 10_000)).toEqual({ locked: false, attemptsLeft: 2 });
  });

  it('locks for five minutes after five wrong PINs', () => {
    const attempts = fails(0, 5);
    const last = 4000;
    expect(lockState(attempts, last)).toEqual({ locked: true, until: last + 5 * MIN });
    expect(lockState(attempts, last + 5 * MIN - 1)).toMatchObject({ locked: true });
    expect(lockState(attempts, last + 5 * MIN)).toEqual({ locked: false, attemptsLeft: 5 });
  });

  it('doubles the lock each time after that, up to a day', () => {
    const second = [...fails(0, 5), ...fails(10 * MIN, 5)];
    const lastSecond = 10 * MIN + 4000;
    expect(lockState(second, lastSecond)).toEqual({ locked: true, until: lastSecond + 10 * MIN });
    const many = Array.from({ length: 20 }, (_, round) => fails(round * 2 * 24 * 60 * MIN, 5)).flat();
    const last = many.at(-1)!.at;
    expect(lockState(many, last)).toEqual({ locked: true, until: last + 24 * 60 * MIN });
  });

  it('resets on a correct PIN', () => {
    const attempts = [...fails(0, 4), { at: 5000, success: true }, ...fails(6000, 4)];
    expect(lockState(attempts, 10_000)).toEqual({ locked: false, attemptsLeft: 1 });
  });
});

describe('technician card hashes', () => {
  it('matches the card number only, whatever its case or spaces, and refuses malformed numbers', () => {
    const hash = hashCardNumber('T09000017', Buffer.from('fixed-salt-card!'));
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('T09000017');
    expect(verifyCardNumber(' t09000017 ', hash)).toBe(true);
    expect(verifyCardNumber('T09000018', hash)).toBe(false);
    expect(() => hashCardNumber('12')).toThrow(/6 to 20/);
  });
});
