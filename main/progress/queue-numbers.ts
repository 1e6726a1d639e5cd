import type { Db } from '../db/database';
import type { Clock, IdSource } from '../util/clock';
import type { QueueCategory } from './service-hall';

export type IssuedNumber = { id: string; number: string; seq: number; waiting: number; issuedAt: number };

/** The hall's day in Guangzhou time (numbers start again at 1 every morning). */
export function hallDay(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/**
 * The kiosk is its hall's number dispenser: each category counts from 1 every day, and the people
 * waiting are the numbers issued today and not yet called. The hall's calling system calls a
 * number through the control socket (`kioskctl queue.call`); without one, nobody is ever called and
 * "waiting" counts every number issued today, which the screen words as "people ahead".
 */
export class QueueNumbers {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  waiting(category: string): number {
    return this.db
      .prepare('SELECT COUNT(*) FROM queue_tickets WHERE day = ? AND category = ? AND called_at IS NULL')
      .pluck()
      .get(hallDay(this.clock.now()), category) as number;
  }

  /** Takes the next number; `print` runs inside the same transaction, so a failed ticket gives its number back. */
  async issue(category: QueueCategory, print: (n: IssuedNumber) => Promise<void>): Promise<IssuedNumber> {
    const now = this.clock.now();
    const day = hallDay(now);
    const seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) FROM queue_tickets WHERE day = ? AND category = ?').pluck().get(day, category.id) as number) + 1;
    const issued: IssuedNumber = { id: this.ids.uuid(), number: `${category.prefix}${String(seq).padStart(3, '0')}`, seq, waiting: this.waiting(category.id), issuedAt: now };
    // Reserve first (one writer: no other ticket can take the same seq), release if the printer fails.
    this.db.prepare('INSERT INTO queue_tickets (id, day, category, seq, issued_at) VALUES (?, ?, ?, ?, ?)').run(issued.id, day, category.id, seq, now);
    try {
      await print(issued);
    } catch (error) {
      this.db.prepare('DELETE FROM queue_tickets WHERE id = ?').run(issued.id);
      throw error;
    }
    return issued;
  }

  /** The hall called the next number of a category; returns it, or null when nobody waits. */
  callNext(category: string): string | null {
    const day = hallDay(this.clock.now());
    const row = this.db
      .prepare('SELECT id, seq FROM queue_tickets WHERE day = ? AND category = ? AND called_at IS NULL ORDER BY seq LIMIT 1')
      .get(day, category) as { id: string; seq: number } | undefined;
    if (!row) return null;
    this.db.prepare('UPDATE queue_tickets SET called_at = ? WHERE id = ?').run(this.clock.now(), row.id);
    return String(row.seq);
  }
}
