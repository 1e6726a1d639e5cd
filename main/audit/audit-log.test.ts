import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { ManualClock } from '../util/clock';
import { AuditLog } from './audit-log';

let dir: string;
let db: Db;
let audit: AuditLog;
const clock = new ManualClock();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-audit-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  audit = new AuditLog(db, clock);
  for (let i = 0; i < 5; i++) {
    clock.advance(1000);
    audit.append('technician', 'settings.change', { index: i });
  }
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('AuditLog', () => {
  it('verifies an untouched chain', () => {
    expect(audit.verify()).toEqual({ ok: true, rows: 5 });
  });

  it('masks personal data before storing it', () => {
    audit.append('resident', 'certificate.print', { idNumber: '440105195803129994', name: '张三' });
    const stored = db.prepare('SELECT detail FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string;
    expect(stored).not.toMatch(/195803129994|张三/);
    expect(audit.verify().ok).toBe(true);
  });

  it('finds a tampered row', () => {
    db.prepare("UPDATE audit_log SET detail = '{\"index\":99}' WHERE seq = 3").run();
    expect(audit.verify()).toMatchObject({ ok: false, brokenAt: 3, reason: 'row content does not match its hash' });
  });

  it('finds a deleted row', () => {
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(audit.verify()).toMatchObject({ ok: false, brokenAt: 3, reason: 'row 2 is missing' });
  });

  it('finds a row whose hash was recomputed but whose successor still points at the old one', () => {
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as { hash: string };
    db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 2').run('f'.repeat(64));
    expect(audit.verify()).toMatchObject({ ok: false, brokenAt: 2 });
    expect(row.hash).not.toBe('f'.repeat(64));
  });

  it('exports entries since a time', () => {
    expect(audit.since(clock.now() - 1500).map((e) => e.detail)).toEqual([{ index: 3 }, { index: 4 }]);
  });
});
