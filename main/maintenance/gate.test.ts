import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../contract';
import { AuditLog } from '../audit/audit-log';
import { openDatabase, type Db } from '../db/database';
import { ManualClock, sequentialIds } from '../util/clock';
import { MaintenanceGate } from './gate';
import { hashPin } from './pin';

const HASH = hashPin('246810', Buffer.from('fixed-salt-for-t'));
let dir: string;
let db: Db;
let clock: ManualClock;
let gate: MaintenanceGate;

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof KioskError) return { code: error.code, detail: error.detail };
    throw error;
  }
  return { code: 'OK' };
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-gate-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  clock = new ManualClock();
  gate = new MaintenanceGate(db, new AuditLog(db, clock), clock, sequentialIds('t'), () => HASH);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('MaintenanceGate', () => {
  it('opens with the right PIN and audits it', () => {
    expect(gate.unlock('246810')).toEqual({ token: 't-0001' });
    const actions = db.prepare('SELECT action FROM audit_log').pluck().all();
    expect(actions).toEqual(['maintenance.signIn']);
  });

  it('locks after five wrong PINs, even across a restart, and audits every attempt', () => {
    for (let left = 4; left >= 1; left--) expect(codeOf(() => gate.unlock('000000'))).toEqual({ code: 'PIN_WRONG', detail: { attemptsLeft: left } });
    expect(codeOf(() => gate.unlock('000000')).code).toBe('PIN_LOCKED');
    // The right PIN does not help while locked, and a new gate on the same database agrees.
    expect(codeOf(() => gate.unlock('246810')).code).toBe('PIN_LOCKED');
    const restarted = new MaintenanceGate(db, new AuditLog(db, clock), clock, sequentialIds('r'), () => HASH);
    expect(codeOf(() => restarted.unlock('246810')).code).toBe('PIN_LOCKED');
    clock.advance(5 * 60_000);
    expect(restarted.unlock('246810')).toEqual({ token: 'r-0001' });
    const actions = db.prepare('SELECT action FROM audit_log').pluck().all();
    expect(actions.filter((a) => a === 'maintenance.signIn.failed')).toHaveLength(5);
    expect(actions.filter((a) => a === 'maintenance.signIn.refused')).toHaveLength(2);
    expect(actions.at(-1)).toBe('maintenance.signIn');
  });

  it('is closed when no PIN is configured', () => {
    const closed = new MaintenanceGate(db, new AuditLog(db, clock), clock, sequentialIds(), () => null);
    expect(codeOf(() => closed.unlock('246810')).code).toBe('NOT_AVAILABLE');
  });

  it('authorizes only the open session, keeps it alive while used and ends it after five idle minutes', () => {
    const { token } = gate.unlock('246810');
    expect(codeOf(() => gate.authorize('someone-else')).code).toBe('FORBIDDEN');
    clock.advance(4 * 60_000);
    expect(codeOf(() => gate.authorize(token)).code).toBe('OK');
    clock.advance(4 * 60_000); // 8 minutes since sign-in, 4 since the last touch
    expect(codeOf(() => gate.authorize(token)).code).toBe('OK');
    clock.advance(5 * 60_000 + 1);
    expect(codeOf(() => gate.authorize(token)).code).toBe('FORBIDDEN');
    expect(codeOf(() => gate.authorize(token)).code).toBe('FORBIDDEN');
    const actions = db.prepare('SELECT action FROM audit_log').pluck().all();
    expect(actions.filter((a) => a === 'maintenance.signOut')).toHaveLength(1);
  });

  it('a new sign-in replaces the old session, and signing out closes it', () => {
    const first = gate.unlock('246810').token;
    const second = gate.unlock('246810').token;
    expect(codeOf(() => gate.authorize(first)).code).toBe('FORBIDDEN');
    gate.signOut(second, 'exit');
    expect(codeOf(() => gate.authorize(second)).code).toBe('FORBIDDEN');
  });
});

describe('MaintenanceGate lockout growth, cards and the recorder', () => {
  const wrongFive = () => {
    for (let i = 0; i < 5; i++) codeOf(() => gate.unlock('000000'));
  };

  it('locks for five minutes, then ten after the next five wrong PINs (injected clock)', () => {
    wrongFive();
    const first = codeOf(() => gate.unlock('246810'));
    expect(first.code).toBe('PIN_LOCKED');
    expect(first.detail).toEqual({ until: clock.now() + 5 * 60_000 });
    clock.advance(5 * 60_000 - 1);
    expect(codeOf(() => gate.unlock('246810')).code).toBe('PIN_LOCKED');
    clock.advance(1);
    // Expired: five more tries, and the next lock lasts twice as long.
    expect(codeOf(() => gate.unlock('000000'))).toEqual({ code: 'PIN_WRONG', detail: { attemptsLeft: 4 } });
    for (let i = 0; i < 4; i++) codeOf(() => gate.unlock('000000'));
    const second = codeOf(() => gate.unlock('246810'));
    expect(second).toEqual({ code: 'PIN_LOCKED', detail: { until: clock.now() + 10 * 60_000 } });
    clock.advance(10 * 60_000 - 1);
    expect(codeOf(() => gate.unlock('246810')).code).toBe('PIN_LOCKED');
    clock.advance(1);
    expect(gate.unlock('246810').token).toMatch(/^t-/);
    // A correct PIN starts the count afresh.
    expect(codeOf(() => gate.unlock('000000'))).toEqual({ code: 'PIN_WRONG', detail: { attemptsLeft: 4 } });
  });

  it('hands every attempt, refusal, card and sign-out to the recorder with its audit row', () => {
    const recorded: Array<{ type: string; success: boolean; payload: Record<string, unknown> }> = [];
    gate.recordTo((event) => {
      expect(db.inTransaction).toBe(true);
      recorded.push({ type: event.type, success: event.success, payload: event.payload });
    });
    wrongFive();
    codeOf(() => gate.unlock('246810'));
    clock.advance(5 * 60_000);
    gate.technicianCardPresented('T******17');
    const { token } = gate.unlock('246810');
    gate.technicianCardRemoved();
    gate.recordAction('maintenance.selfTest', { test: 'database', ok: true });
    gate.signOut(token, 'exit');
    expect(recorded.map((e) => [e.type, e.payload.outcome ?? e.payload.reason ?? e.payload.presented ?? e.payload.action])).toEqual([
      ...Array.from({ length: 5 }, () => ['maintenance.sign_in', 'wrong']),
      ['maintenance.sign_in', 'locked'],
      ['maintenance.technician_card', true],
      ['maintenance.sign_in', 'ok'],
      ['maintenance.technician_card', false],
      ['maintenance.action', 'maintenance.selfTest'],
      ['maintenance.sign_out', 'exit'],
    ]);
    expect(recorded[7]!.payload).toMatchObject({ method: 'card+pin', card: 'T******17', success: true });
    const audit = db.prepare('SELECT action, detail FROM audit_log').all() as Array<{ action: string; detail: string }>;
    expect(audit.map((r) => r.action)).toEqual([
      ...Array.from({ length: 5 }, () => 'maintenance.signIn.failed'),
      'maintenance.signIn.refused',
      'maintenance.card.presented',
      'maintenance.signIn',
      'maintenance.card.removed',
      'maintenance.selfTest',
      'maintenance.signOut',
    ]);
    expect(JSON.parse(audit[7]!.detail)).toEqual({ method: 'card+pin', card: 'T******17' });
    expect(db.prepare('SELECT method FROM sign_in_attempts ORDER BY id DESC LIMIT 1').pluck().get()).toBe('card+pin');
  });

  it('signs out an idle session as idle, and ignores a stale token', () => {
    const { token } = gate.unlock('246810');
    gate.signOut('not-the-token', 'exit');
    expect(gate.isOpen()).toBe(true);
    clock.advance(5 * 60_000 + 1);
    expect(gate.isOpen()).toBe(false);
    gate.signOut(token, 'exit');
    const last = db.prepare('SELECT detail FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string;
    expect(JSON.parse(last)).toEqual({ reason: 'idle' });
  });
});
