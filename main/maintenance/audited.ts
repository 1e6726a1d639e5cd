import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/database';
import type { Outbox } from '../sync/outbox';

export type AuditedDeps = { db: Db; audit: AuditLog; outbox: Outbox };

/**
 * Runs a technician's action and records it in the hash-chained audit log and the outbox in the
 * same transaction: either the change, its audit row and its event all commit, or none does.
 * `detail` may depend on the action's result (before/after values, counts).
 */
export function audited<T>(deps: AuditedDeps, action: string, run: () => T, detail: (result: T) => Record<string, unknown> = () => ({})): T {
  return deps.db.transaction(() => {
    const result = run();
    const recorded = detail(result);
    deps.audit.append('technician', action, recorded);
    deps.outbox.enqueueIn(deps.db, { stream: 'usage', type: outboxType(action), payload: recorded });
    return result;
  })();
}

/** Outbox event types are lower case (`maintenance.paperRefilled` → `maintenance.paper_refilled`). */
export function outboxType(action: string): string {
  return action.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
