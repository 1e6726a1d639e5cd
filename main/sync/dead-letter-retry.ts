import type { Db } from '../db/database';

export type DeadLetterRetry = { requeued: number; cleared: number };

/**
 * A technician's "retry dead letters". Events the kiosk set aside on its own (source `local`: the
 * platform refused the event alone) go back to pending with a fresh attempt count, so the uploader
 * sends them again. Events the platform stored as rejected (source `platform`) cannot be sent again
 * — the platform answers a re-send of the same event id as a duplicate — so they are only cleared.
 * Either way the dead-letter alarm stops. Runs in one transaction; call inside the caller's
 * transaction to audit it with the same commit.
 */
export function retryDeadLetters(db: Db, now: number): DeadLetterRetry {
  return db.transaction((): DeadLetterRetry => {
    const requeued = db
      .prepare(
        `UPDATE outbox SET state = 'pending', attempts = 0, last_error = NULL
         WHERE state = 'dead' AND seq IN (SELECT seq FROM outbox_dead_letters WHERE source = 'local' AND cleared_at IS NULL)`,
      )
      .run().changes;
    const cleared = db.prepare("UPDATE outbox_dead_letters SET cleared_at = ? WHERE cleared_at IS NULL AND source = 'platform'").run(now).changes;
    db.prepare("UPDATE outbox_dead_letters SET cleared_at = ? WHERE cleared_at IS NULL AND source = 'local'").run(now);
    return { requeued, cleared };
  })();
}
