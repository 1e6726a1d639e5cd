import type { Migration } from './index';

/** Paper refills and technician settings changes (issue #7). Owned by main/maintenance/. */
export const maintenance: Migration = {
  version: 5,
  name: 'maintenance',
  up(db) {
    db.exec(`
      -- A4 sheets a job used (the PDF's page count), so the dashboard can say how many sheets went
      -- out since the last refill. NULL for jobs recorded before this migration.
      ALTER TABLE print_jobs ADD COLUMN sheets INTEGER;

      -- A technician marked a printer's paper as refilled (audited as well).
      CREATE TABLE paper_refills (
        id INTEGER PRIMARY KEY,
        printer TEXT NOT NULL CHECK (printer IN ('page-printer', 'ticket-printer')),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX paper_refills_by_printer ON paper_refills (printer, at);

      -- Every technician settings change, before and after (JSON of the changed keys only).
      CREATE TABLE settings_changes (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL
      ) STRICT;
    `);
  },
};
