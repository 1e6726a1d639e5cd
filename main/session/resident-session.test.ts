import { describe, expect, it } from 'vitest';
import { KioskError } from '../../contract';
import { EventBus } from '../ipc/event-bus';
import { ManualClock } from '../util/clock';
import { isExpired, ResidentSession, type ResidentIdentity } from './resident-session';

const zhang: ResidentIdentity = { name: '张三', idNumber: '440105195803129994', gender: '1', birth: '19580312', validTo: '长期' };
const wang: ResidentIdentity = { name: '王伟', idNumber: '440105198506209975', gender: '1', birth: '19850620', validTo: '20360620' };

function setup() {
  const events = new EventBus();
  const seen: Array<[string, unknown]> = [];
  events.subscribe((e, p) => seen.push([e, p]));
  const session = new ResidentSession(events, new ManualClock(Date.UTC(2026, 10, 28)));
  return { session, seen };
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return e instanceof KioskError ? e.code : 'OTHER';
  }
};

describe('ResidentSession', () => {
  it('shows only masked data and publishes it', () => {
    const { session, seen } = setup();
    expect(session.present('id-card', zhang)).toEqual({ identified: true, kind: 'id-card', maskedName: '张*', maskedNumber: '440105********9994' });
    expect(JSON.stringify(seen)).not.toMatch(/张三|195803129994/);
    expect(session.current().idNumber).toBe('440105195803129994');
  });

  it('refuses an expired ID card and keeps nothing, without sending an empty session home', () => {
    const { session, seen } = setup();
    expect(codeOf(() => session.present('id-card', { ...zhang, validTo: '20200304' }))).toBe('CARD_EXPIRED');
    expect(session.view().identified).toBe(false);
    // The identify screen must stay to say why: no session.wiped for a session that never was.
    expect(seen.filter(([e]) => e === 'session.wiped')).toEqual([]);
  });

  it("an expired card of someone else ends the previous resident's session", () => {
    const { session, seen } = setup();
    session.present('id-card', zhang);
    expect(codeOf(() => session.present('id-card', { ...wang, validTo: '20200304' }))).toBe('CARD_EXPIRED');
    expect(session.view().identified).toBe(false);
    expect(seen.filter(([e]) => e === 'session.wiped')).toEqual([['session.wiped', { reason: 'new-card' }]]);
  });

  it('requires the social-security number to equal the ID number; a mismatching card is refused', () => {
    const { session, seen } = setup();
    session.present('id-card', zhang);
    expect(session.present('ss-card', { ...zhang, ssCardNumber: 'A00000001' }).identified).toBe(true);
    expect(session.hasSsCard()).toBe(true);
    expect(codeOf(() => session.present('ss-card', { ...wang, ssCardNumber: 'A00000003' }))).toBe('CARD_MISMATCH');
    // The refused card changes nothing: the ID card's holder is still the one identified.
    expect(session.view()).toMatchObject({ identified: true, kind: 'id-card', maskedName: '张*' });
    expect(session.current().idNumber).toBe(zhang.idNumber);
    expect(seen.filter(([e]) => e === 'session.wiped')).toEqual([]);
  });

  it('an ID card after a social-security card of another person is refused too', () => {
    const { session } = setup();
    session.present('ss-card', { ...wang, ssCardNumber: 'A00000003' });
    expect(codeOf(() => session.present('id-card', zhang))).toBe('CARD_MISMATCH');
    expect(session.view()).toMatchObject({ kind: 'ss-card', maskedName: '王*' });
  });

  it('replaces the session on a new card of the same kind and wipes listeners', () => {
    const { session, seen } = setup();
    let wiped = 0;
    session.onWipe(() => wiped++);
    session.present('id-card', zhang);
    session.present('id-card', wang);
    expect(wiped).toBe(1);
    expect(session.view().maskedName).toBe('王*');
    session.wipe('idle');
    expect(() => session.current()).toThrow(KioskError);
    expect(seen.filter(([e]) => e === 'session.wiped')).toEqual([
      ['session.wiped', { reason: 'new-card' }],
      ['session.wiped', { reason: 'idle' }],
    ]);
  });

  it('treats 长期 as never expiring and a card as valid through its last day in Guangzhou', () => {
    expect(isExpired('长期', Date.UTC(2100, 0, 1))).toBe(false);
    expect(isExpired('20261128', Date.UTC(2026, 10, 28, 15, 59))).toBe(false);
    expect(isExpired('20261128', Date.UTC(2026, 10, 28, 16, 0))).toBe(true);
    expect(isExpired('garbage', 0)).toBe(true);
  });
});
