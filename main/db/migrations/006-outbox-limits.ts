import type { Migration } from './index';

/**
 * Outbox size limits and alarms (issue #4). Owned by main/sync/.
 *
 * The cap is checked on every enqueue, so the pending row count and byte total must cost O(1): a
 * `SUM(bytes)` over 100,000 pending rows per print would not. Triggers keep one totals row in step
 * with the outbox inside the same transaction as the change, so the totals can never drift from the
 * rows (a crash rolls both back) and no code path — kioskctl, a requeue after a platform restore, a
 * purge — can forget to update them.
 */
export const outboxLimits: Migration = {
  version: 6,
  name: 'outbox-limits',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_totals (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pending_rows INTEGER NOT NULL,
        pending_bytes INTEGER NOT NULL
      ) STRICT;
      INSERT INTO outbox_totals (id, pending_rows, pending_bytes)
        SELECT 1, COUNT(*), COALESCE(SUM(bytes), 0) FROM outbox WHERE state = 'pending';

      CREATE TRIGGER outbox_totals_insert AFTER INSERT ON outbox WHEN new.state = 'pending' BEGIN
        UPDATE outbox_totals SET pending_rows = pending_rows + 1, pending_bytes = pending_bytes + new.bytes WHERE id = 1;
      END;
      CREATE TRIGGER outbox_totals_delete AFTER DELETE ON outbox WHEN old.state = 'pending' BEGIN
        UPDATE outbox_totals SET pending_rows = pending_rows - 1, pending_bytes = pending_bytes - old.bytes WHERE id = 1;
      END;
      CREATE TRIGGER outbox_totals_update AFTER UPDATE OF state, bytes ON outbox
        WHEN old.state = 'pending' OR new.state = 'pending' BEGIN
        UPDATE outbox_totals SET
          pending_rows = pending_rows - (old.state = 'pending') + (new.state = 'pending'),
          pending_bytes = pending_bytes - (CASE WHEN old.state = 'pending' THEN old.bytes ELSE 0 END)
                                        + (CASE WHEN new.state = 'pending' THEN new.bytes ELSE 0 END)
        WHERE id = 1;
      END;
    `);
  },
};
