import type { Migration } from './index';

/**
 * Ticket-printer jobs and queue numbers (issue #6). Owned by main/progress/.
 * `ticket_jobs` is read by the maintenance dashboard (tickets since the last refill) and written by
 * TicketPrintService for every slip, queue ticket, receipt and self-test ticket, printed or not.
 * `queue_tickets` holds the numbers this kiosk issued as its hall's dispenser: no personal data.
 */
export const tickets: Migration = {
  version: 4,
  name: 'tickets',
  up(db) {
    db.exec(`
      CREATE TABLE ticket_jobs (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('queue', 'slip', 'receipt', 'test')),
        state TEXT NOT NULL CHECK (state IN ('printed', 'failed')),
        reason TEXT
      ) STRICT;
      CREATE INDEX ticket_jobs_by_time ON ticket_jobs (created_at);

      CREATE TABLE queue_tickets (
        id TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        category TEXT NOT NULL,
        seq INTEGER NOT NULL,
        issued_at INTEGER NOT NULL,
        called_at INTEGER,
        UNIQUE (day, category, seq)
      ) STRICT;
    `);
  },
};
