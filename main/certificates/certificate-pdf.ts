import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { cjkFont } from '../pdf/fonts';
import { chineseDate, type CertificateText } from './certificate-text';

export type CertificatePdfInput = {
  text: CertificateText;
  /** The signed compact payload the QR carries. */
  qrPayload: string;
  verificationCode: string;
  kioskId: string;
  /** Fixed creation date keeps the bytes reproducible for a given certificate. */
  createdAt: Date;
};

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 72;
const RED = '#b5121b';

/** Renders an A4 certificate: title, number, body, issuer and date with a seal, the QR and its code. */
export function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const { text } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: {
      Title: text.title,
      Author: '海珠e办事',
      Subject: `${text.title} ${text.number}`,
      // kioskctl verify reads the signed payload back from here; the QR carries the same string.
      Keywords: `hz-certificate ${input.qrPayload}`,
      Creator: `海珠e办事 kiosk ${input.kioskId}`,
      CreationDate: input.createdAt,
    },
    pdfVersion: '1.7',
    compress: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // pdfkit's types name only paths and bytes; its runtime also takes a parsed fontkit font.
  doc.registerFont('regular', cjkFont('regular') as unknown as Buffer);
  const width = A4.width - 2 * MARGIN;

  // One embedded font (Regular) keeps the document small and fast; headings are drawn bold by
  // filling and stroking the glyphs, as the catalogue's forms do.
  doc.font('regular').fontSize(28).fillColor('#000').lineWidth(0.9).strokeColor('#000');
  doc.text(text.title, MARGIN, 110, { width, align: 'center', characterSpacing: 8, fill: true, stroke: true });
  doc.lineWidth(1);
  doc.font('regular').fontSize(11).text(`证明编号：${text.number}`, MARGIN, 165, { width, align: 'right' });
  doc.moveTo(MARGIN, 185).lineTo(A4.width - MARGIN, 185).lineWidth(0.8).stroke('#000');

  let y = 215;
  doc.font('regular').fontSize(15);
  for (const paragraph of text.paragraphs) {
    doc.text(paragraph, MARGIN, y, { width, indent: 30, lineGap: 9, align: 'justify' });
    y = doc.y + 14;
  }

  const issuerY = Math.max(y + 40, 480);
  doc.fontSize(15).text(text.issuer, MARGIN, issuerY, { width, align: 'right' });
  doc.text(chineseDate(text.issuedOn), MARGIN, issuerY + 28, { width, align: 'right' });
  drawSeal(doc, A4.width - MARGIN - 80, issuerY + 10);

  const qrSize = 110;
  const qrY = A4.height - MARGIN - qrSize - 70;
  drawQr(doc, input.qrPayload, MARGIN, qrY, qrSize);
  doc.font('regular').fontSize(11).fillColor('#000');
  doc.text(`核验码：${input.verificationCode}`, MARGIN + qrSize + 18, qrY + 18, { width: width - qrSize - 18 });
  doc.fontSize(10).fillColor('#333');
  let noteY = qrY + 44;
  for (const note of text.notes) {
    doc.text(note, MARGIN + qrSize + 18, noteY, { width: width - qrSize - 18, lineGap: 3 });
    noteY = doc.y + 4;
  }
  doc.fontSize(9).fillColor('#555').text(`海珠e办事自助终端 ${input.kioskId} 打印`, MARGIN, A4.height - MARGIN - 20, { width, align: 'center' });
  doc.end();
  return done;
}

function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const quiet = 4;
  const cell = size / (count + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#fff');
  doc.fillColor('#000');
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill('#000').restore();
}

/** The kiosk's seal: a red ring marking the electronic signature, not a forged office stamp. */
function drawSeal(doc: PDFKit.PDFDocument, cx: number, cy: number): void {
  doc.save().lineWidth(2.5).circle(cx, cy, 46).stroke(RED);
  doc.fillColor(RED).font('regular').fontSize(10).text('电子签名', cx - 30, cy - 14, { width: 60, align: 'center' });
  doc.text('核验专用', cx - 30, cy + 2, { width: 60, align: 'center' });
  doc.restore();
}
