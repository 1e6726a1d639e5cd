import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../database';
import { migrations } from './index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-mig5-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 5 (maintenance)', () => {
  it('upgrades a version 4 database: old print jobs keep their rows with no sheet count; refills and settings changes get tables', () => {
    const path = join(dir, 'kiosk.db');
    const v4 = openDatabase(path, { migrations: migrations.slice(0, 4) });
    v4.prepare("INSERT INTO print_jobs (id, created_at, updated_at, printer, kind, reference, state) VALUES ('old', 1, 1, 'page-printer', 'guide', 'x', 'completed')").run();
    v4.close();
    const db = openDatabase(path, { migrations: migrations.slice(0, 5) });
    try {
      expect(schemaVersion(db)).toBe(5);
      expect(db.prepare("SELECT sheets FROM print_jobs WHERE id = 'old'").get()).toEqual({ sheets: null });
      db.prepare("INSERT INTO paper_refills (printer, at) VALUES ('ticket-printer', 2)").run();
      expect(() => db.prepare("INSERT INTO paper_refills (printer, at) VALUES ('fax', 2)").run()).toThrow(/CHECK/);
      db.prepare("INSERT INTO settings_changes (at, before, after) VALUES (3, '{}', '{}')").run();
      expect(db.prepare('SELECT COUNT(*) FROM settings_changes').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});
