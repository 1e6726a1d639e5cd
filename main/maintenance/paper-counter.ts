import type { PrinterId } from '../../contract/maintenance';
import type { Db } from '../db/database';

/**
 * Paper since the last refill, per printer: A4 sheets of completed print jobs (print_jobs.sheets,
 * the PDF's page count) and printed tickets (ticket_jobs, owned by the ticket printing service).
 */
export class PaperCounter {
  constructor(private readonly db: Db) {}

  /** Call inside the caller's transaction (audit and outbox go with it). */
  markRefilled(printer: PrinterId, at: number): void {
    this.db.prepare('INSERT INTO paper_refills (printer, at) VALUES (?, ?)').run(printer, at);
  }

  lastRefill(printer: PrinterId): number | null {
    return (this.db.prepare('SELECT MAX(at) FROM paper_refills WHERE printer = ?').pluck().get(printer) as number | null) ?? null;
  }

  printedSinceRefill(printer: PrinterId): number {
    const since = this.lastRefill(printer) ?? 0;
    if (printer === 'page-printer') {
      return this.db
        .prepare("SELECT COALESCE(SUM(COALESCE(sheets, 1)), 0) FROM print_jobs WHERE printer = 'page-printer' AND state = 'completed' AND created_at >= ?")
        .pluck()
        .get(since) as number;
    }
    // ticket_jobs arrives with the ticket printing service's migration; without it nothing printed.
    if (!this.hasTable('ticket_jobs')) return 0;
    return this.db.prepare("SELECT COUNT(*) FROM ticket_jobs WHERE state = 'printed' AND created_at >= ?").pluck().get(since) as number;
  }

  private hasTable(name: string): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  }
}
