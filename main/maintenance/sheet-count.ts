import type { Db } from '../db/database';

/**
 * Pages in a PDF, i.e. A4 sheets printed single-sided. Counts page objects (`/Type /Page`, not
 * `/Pages`) in the file's text; the kiosk's PDFs (pdfkit) keep their objects uncompressed. A PDF
 * that hides its objects in compressed object streams falls back to the largest `/Count` of a
 * page tree, then to 1 — an undercount there only delays a "paper low" estimate.
 */
export function pdfPageCount(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  if (pages > 0) return pages;
  const counts = [...text.matchAll(/\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  return Math.max(1, ...counts);
}

/** Records how many sheets a print job uses (print_jobs.sheets, migration 005). */
export function recordSheets(db: Db, jobId: string, pdf: Uint8Array): void {
  db.prepare('UPDATE print_jobs SET sheets = ? WHERE id = ?').run(pdfPageCount(pdf), jobId);
}
