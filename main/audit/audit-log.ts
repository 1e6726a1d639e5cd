import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { maskDeep } from '../privacy/mask';
import type { Clock } from '../util/clock';

/**
 * The hash-chained audit log (DESIGN.md §5): each row's hash covers its own fields and the previous
 * row's hash, so changing, inserting or deleting a row breaks the chain at that point. Details are
 * masked before they are stored.
 */
export type AuditEntry = { seq: number; at: number; actor: string; action: string; detail: Record<string, unknown> };

type DbAuditRow = { seq: number; at: number; actor: string; action: string; detail: string; prev_hash: string; hash: string };

export const GENESIS_HASH = '0'.repeat(64);

export type ChainCheck = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string };

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Appends one entry. Call inside the caller's transaction when it describes a business row. */
  append(actor: string, action: string, detail: Record<string, unknown> = {}): AuditEntry {
    const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; hash: string }
      | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const at = this.clock.now();
    const masked = JSON.stringify(maskDeep(detail));
    const hash = rowHash({ seq, at, actor, action, detail: masked, prev_hash: prevHash });
    this.db
      .prepare('INSERT INTO audit_log (seq, at, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(seq, at, actor, action, masked, prevHash, hash);
    return { seq, at, actor, action, detail: JSON.parse(masked) as Record<string, unknown> };
  }

  since(at: number): AuditEntry[] {
    const rows = this.db.prepare('SELECT * FROM audit_log WHERE at >= ? ORDER BY seq').all(at) as DbAuditRow[];
    return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  /** Walks the whole chain and reports the first broken link. */
  verify(): ChainCheck {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let rows = 0;
    for (const row of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<DbAuditRow>) {
      rows++;
      if (row.seq !== expectedSeq) return { ok: false, rows, brokenAt: row.seq, reason: `row ${expectedSeq} is missing` };
      if (row.prev_hash !== prev) return { ok: false, rows, brokenAt: row.seq, reason: 'previous-hash link does not match' };
      if (rowHash(row) !== row.hash) return { ok: false, rows, brokenAt: row.seq, reason: 'row content does not match its hash' };
      prev = row.hash;
      expectedSeq++;
    }
    return { ok: true, rows };
  }
}

function rowHash(row: Omit<DbAuditRow, 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([row.seq, row.at, row.actor, row.action, row.detail, row.prev_hash]))
    .digest('hex');
}
