import type { Migration } from './index';

/** Settings, the hash-chained audit log, device events, print jobs and technician sign-in attempts. */
export const core: Migration = {
  version: 1,
  name: 'core',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Each row carries the hash of the previous one, so a changed or deleted row shows (DESIGN.md §5).
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE device_events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        device TEXT NOT NULL,
        state TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX device_events_by_device ON device_events (device, at);

      CREATE TABLE print_jobs (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        printer TEXT NOT NULL,
        kind TEXT NOT NULL,
        reference TEXT,
        state TEXT NOT NULL,
        printer_job_id TEXT,
        reason TEXT
      ) STRICT;
      CREATE INDEX print_jobs_by_state ON print_jobs (state, created_at);

      CREATE TABLE sign_in_attempts (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        method TEXT NOT NULL,
        success INTEGER NOT NULL CHECK (success IN (0, 1))
      ) STRICT;
    `);
  },
};
