import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from './database';
import { migrations } from './migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('uses WAL and synchronous=FULL, also when a WAL database is reopened', () => {
    const path = join(dir, 'kiosk.db');
    openDatabase(path).close();
    // better-sqlite3 reopens existing WAL databases at NORMAL: prove that a plain open does,
    // and that ours does not.
    const plain = new Database(path);
    expect(plain.pragma('synchronous', { simple: true })).toBe(1);
    plain.close();
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('applies every migration once and records user_version', () => {
    const path = join(dir, 'kiosk.db');
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(migrations.at(-1)?.version);
    db.close();
    const again = openDatabase(path);
    expect(schemaVersion(again)).toBe(migrations.at(-1)?.version);
    again.close();
  });

  it('numbers migrations 1, 2, 3 … without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  for (const [index, migration] of migrations.entries()) {
    it(`upgrades a version ${index} database with migration ${migration.version} (${migration.name})`, () => {
      const path = join(dir, `from-${index}.db`);
      openDatabase(path, { migrations: migrations.slice(0, index) }).close();
      const db = openDatabase(path, { migrations: migrations.slice(0, index + 1) });
      expect(schemaVersion(db)).toBe(migration.version);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    });
  }

  it('refuses a database newer than the app, with a clear message', () => {
    const path = join(dir, 'future.db');
    const future = new Database(path);
    future.pragma('user_version = 999');
    future.close();
    expect(() => openDatabase(path)).toThrow(/schema version 999.*knows only up to/);
  });
});
