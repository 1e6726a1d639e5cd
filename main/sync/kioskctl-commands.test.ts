import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { ManualClock, sequentialIds } from '../util/clock';
import { catalogueVerifyCommand, syncStatusCommand } from './kioskctl-commands';
import { Outbox } from './outbox';

const bundle = resolve(fileURLToPath(import.meta.url), '../../../fixtures/catalogue/bundle');
let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kioskctl-sync-'));
  db = openDatabase(join(dir, 'kiosk.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kioskctl sync and verify commands', () => {
  it('sync status reports depth, age, retention and dead letters', () => {
    const clock = new ManualClock();
    const outbox = new Outbox(db, { clock, ids: sequentialIds('evt-ctl'), bootId: 'b' });
    outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} });
    const { seq } = outbox.enqueue({ stream: 'fault', type: 'printer.jam', payload: {} });
    outbox.settle([{ seq, status: 'rejected', reason: 'unknown printer' }], null);
    clock.advance(5000);
    expect(syncStatusCommand(outbox, clock.now())).toMatchObject({ pending: 1, oldestPendingAgeMs: 5000, deadLetters: 1, acknowledgedRetained: 1, deadLetterList: [{ seq, reason: 'unknown printer' }] });
  });

  it('verify lists each check: an unsigned local bundle reads fine but is not authenticated', () => {
    const steps = catalogueVerifyCommand(db, bundle, { now: Date.now(), appVersion: '0.1.0' });
    expect(steps.map((s) => [s.check, s.ok])).toEqual([
      ['signature', false],
      ['semantic', true],
      ['version', true],
    ]);
    const broken = join(dir, 'broken');
    rmSync(broken, { recursive: true, force: true });
    writeFileSync(join(dir, 'x'), '');
    expect(catalogueVerifyCommand(db, broken, { now: Date.now(), appVersion: '0.1.0' }).find((s) => s.check === 'semantic')?.ok).toBe(false);
  });
});
