import type { Migration } from './index';

/**
 * The transactional outbox and the sync state (SYNC.md §5). Owned by main/sync/.
 * Rows are never deleted while pending: the platform's `ackedThroughSeq` is contiguous, so a hole in
 * `seq` would stall it. Acknowledged rows are kept for a retention period so that they can be sent
 * again after the platform is restored from a backup.
 */
export const sync: Migration = {
  version: 3,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        stream TEXT NOT NULL CHECK (stream IN ('fault', 'print_audit', 'email_request', 'catalogue', 'usage', 'heartbeat')),
        priority INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 9),
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        occurred_at INTEGER NOT NULL,
        boot_id TEXT NOT NULL,
        mono_ms REAL NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        acked_at INTEGER
      ) STRICT;
      -- Partial indexes keep every hot query (next batch, oldest pending, count, contiguous mark)
      -- proportional to the pending rows, not to the retained acknowledged ones.
      CREATE INDEX outbox_pending ON outbox (priority, seq) WHERE state = 'pending';
      CREATE INDEX outbox_pending_seq ON outbox (seq) WHERE state = 'pending';
      CREATE INDEX outbox_dead ON outbox (seq) WHERE state = 'dead';
      CREATE INDEX outbox_acked ON outbox (acked_at) WHERE state = 'acked';

      -- Events the platform rejected (delivered, stored as rejected) or that the kiosk isolated as
      -- refused on their own (never stored): each raises an alarm until a technician clears it.
      CREATE TABLE outbox_dead_letters (
        seq INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('platform', 'local')),
        reason TEXT NOT NULL,
        at INTEGER NOT NULL,
        cleared_at INTEGER
      ) STRICT;

      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;

      -- Signed updates (SYNC.md §6). Every root metadata version the kiosk has verified, as the exact
      -- payload bytes; the highest is the trust anchor for everything else.
      CREATE TABLE update_roots (
        version INTEGER PRIMARY KEY,
        payload BLOB NOT NULL,
        trusted_at INTEGER NOT NULL
      ) STRICT;

      -- Per role (timestamp, catalogue, config): the installed version and the highest version ever
      -- seen verified, so a replayed older version is refused even after a rollback.
      CREATE TABLE update_versions (
        role TEXT PRIMARY KEY,
        installed INTEGER NOT NULL,
        highest_seen INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Versions that failed after installation (health check): never installed again.
      CREATE TABLE update_bad_versions (
        role TEXT NOT NULL,
        version INTEGER NOT NULL,
        reason TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (role, version)
      ) STRICT;

      -- The outcome of every update attempt, check by check, for technicians.
      CREATE TABLE update_attempts (
        id INTEGER PRIMARY KEY,
        role TEXT NOT NULL,
        version INTEGER,
        outcome TEXT NOT NULL CHECK (outcome IN ('installed', 'rejected', 'rolled_back', 'up_to_date')),
        failed_check TEXT,
        reason TEXT,
        at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
