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
