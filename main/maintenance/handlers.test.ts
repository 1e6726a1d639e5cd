import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskError } from '../../contract';
import { AuditLog } from '../audit/audit-log';
import { defaults } from '../config/load';
import { openDatabase, type Db } from '../db/database';
import { EventBus } from '../ipc/event-bus';
import type { KioskParts } from '../kiosk-parts';
import { Outbox } from '../sync/outbox';
import { ManualClock, sequentialIds } from '../util/clock';
import { MaintenanceGate } from './gate';
import { maintenanceHandlers } from './handlers';
import { hashPin } from './pin';

const HASH = hashPin('246810', Buffer.from('fixed-salt-for-t'));
let dir: string;
let db: Db;
let clock: ManualClock;
let gate: MaintenanceGate;
let handlers: ReturnType<typeof maintenanceHandlers>;
let restarts: number;
const stops: Array<() => unknown> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-maint-h-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  clock = new ManualClock();
  const audit = new AuditLog(db, clock);
  const outbox = new Outbox(db, { clock, ids: sequentialIds('e'), bootId: 'boot' });
  gate = new MaintenanceGate(db, audit, clock, sequentialIds('t'), () => HASH);
  restarts = 0;
  // Only what the maintenance handlers touch; devices, sync and catalogue are covered for real by
  // tests/e2e/maintenance.test.ts. The cast says so instead of building a whole kiosk.
  const parts = {
    config: { ...defaults('demo', {}), dataDir: dir },
    db,
    clock,
    ids: sequentialIds(),
    events: new EventBus(),
    devices: { list: () => [] },
    audit,
    outbox,
    gate,
    link: { sync: { nudge: () => undefined, status: () => ({ online: false, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, deadLetters: 0 }), syncNow: async () => ({ online: false, pending: 0, oldestPendingAgeMs: null, lastSuccessAt: null, deadLetters: 0 }) } },
    catalogue: { installedVersion: () => null },
    startedAt: clock.now(),
    onStop: (fn: () => unknown) => stops.push(fn),
  } as unknown as KioskParts;
  handlers = maintenanceHandlers(parts, { restart: () => void restarts++ });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const codeOf = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (error) {
    if (error instanceof KioskError) return error.code;
    throw error;
  }
  return 'OK';
};
const actions = () => db.prepare("SELECT action FROM audit_log WHERE action NOT LIKE 'maintenance.sign%'").pluck().all();

describe('maintenance handlers', () => {
  it('every channel refuses a wrong or expired token before doing anything', async () => {
    const { settings } = await handlers['maintenance.settings']({ token: gate.unlock('246810').token });
    const calls: Array<(token: string) => unknown> = [
      (token) => handlers['maintenance.dashboard']({ token }),
      (token) => handlers['maintenance.paperRefilled']({ token, printer: 'page-printer' }),
      (token) => handlers['maintenance.syncNow']({ token }),
      (token) => handlers['maintenance.retryDeadLetters']({ token }),
      (token) => handlers['maintenance.catalogueRollback']({ token }),
      (token) => handlers['maintenance.reloadUi']({ token }),
      (token) => handlers['maintenance.restart']({ token }),
      (token) => handlers['maintenance.log']({ token, lines: 10 }),
      (token) => handlers['maintenance.settings']({ token }),
      (token) => handlers['maintenance.saveSettings']({ token, settings: { ...settings, voice: { volume: 'high' } } }),
    ];
    for (const call of calls) expect(await codeOf(() => call('not-the-token'))).toBe('FORBIDDEN');
    const { token } = gate.unlock('246810');
    clock.advance(5 * 60_000 + 1);
    for (const call of calls) expect(await codeOf(() => call(token))).toBe('FORBIDDEN');
    expect(actions()).toEqual([]);
    expect(restarts).toBe(0);
  });

  it('actions are audited; restart runs the shell hook after answering; rollback without a catalogue says NOT_AVAILABLE and records nothing', async () => {
    const { token } = gate.unlock('246810');
    await handlers['maintenance.paperRefilled']({ token, printer: 'ticket-printer' });
    await handlers['maintenance.retryDeadLetters']({ token });
    expect(await codeOf(() => handlers['maintenance.catalogueRollback']({ token }))).toBe('NOT_AVAILABLE');
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      await handlers['maintenance.restart']({ token });
      expect(restarts).toBe(0); // the answer goes out first
      vi.runAllTimers();
      expect(restarts).toBe(1);
    } finally {
      vi.useRealTimers();
    }
    expect(actions()).toEqual(['maintenance.paperRefilled', 'maintenance.retryDeadLetters', 'maintenance.restart']);
    expect(db.prepare('SELECT type FROM outbox ORDER BY seq').pluck().all()).toEqual(['maintenance.paper_refilled', 'maintenance.retry_dead_letters', 'maintenance.restart']);
  });
});
