import PDFDocument from 'pdfkit';

/** A one-page A4 PDF with `text` on it: something real for a printer to spool. */
export function smallPdf(text: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.fontSize(14).text(text);
    doc.end();
  });
}
