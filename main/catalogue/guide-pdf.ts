import PDFDocument from 'pdfkit';
import { defaultCjkFont, type CjkFont } from './cjk-font';
import type { ItemDetail } from './types';

export type GuidePdfOptions = { kioskId: string; date: Date; font?: CjkFont };

const MARGIN = 56;

/** The seven elements as numbered headings with their content, in the order of the standard guide. */
export function guideBlocks(item: ItemDetail): { heading: string; lines: string[] }[] {
  const g = item.guide;
  return [
    { heading: '一、事项名称', lines: [`${item.title}（${g.itemType}）`] },
    { heading: '二、法律依据', lines: g.legalBasis },
    { heading: '三、办理条件', lines: g.conditions.map((c, i) => `${i + 1}. ${c}`) },
    { heading: '四、办理材料', lines: g.materials.map((m, i) => `${i + 1}. ${m.name}（${m.form}${m.copies}份${m.required ? '' : '，非必须'}${m.note ? `，${m.note}` : ''}）`) },
    { heading: '五、涉及表格', lines: item.forms.length > 0 ? item.forms.map((f) => `《${f.title}》（可在自助终端打印空白表和填写样例）`) : ['无'] },
    { heading: '六、办理流程', lines: g.process.map((p, i) => `${i + 1}. ${p.name}：${p.detail}`) },
    { heading: '七、办理时限', lines: [g.timeLimit.text] },
    { heading: '收费标准与办理地点', lines: [g.fee, g.venue] },
  ];
}

/** An A4 service guide for the page printer: title, department, the seven elements, a footer. */
export function renderGuidePdf(item: ItemDetail, options: GuidePdfOptions): Promise<Buffer> {
  const font = options.font ?? defaultCjkFont();
  const doc = new PDFDocument({
    size: 'A4', margins: { top: MARGIN, bottom: MARGIN + 24, left: MARGIN, right: MARGIN }, bufferPages: true,
    info: { Title: `${item.title} 办事指南`, Author: item.departmentName, Creator: 'haizhu-kiosk', CreationDate: options.date, ModDate: options.date },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.regular);
  doc.registerFont('cjk-bold', font.bold);
  const width = doc.page.width - 2 * MARGIN;

  doc.font('cjk-bold').fontSize(20).text(item.title, { width, align: 'center' });
  doc.font('cjk').fontSize(12).fillColor('#444444').text(`办事指南 · 海珠区${item.departmentName}`, { width, align: 'center' });
  doc.moveDown(1);
  for (const block of guideBlocks(item)) {
    doc.font('cjk-bold').fontSize(14).fillColor('#000000').text(block.heading, { width });
    doc.font('cjk').fontSize(12);
    for (const line of block.lines) doc.text(line, { width, lineGap: 2 });
    doc.moveDown(0.6);
  }
  const date = options.date.toISOString().slice(0, 10);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin must not open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('cjk').fontSize(9).fillColor('#555555')
      .text(`海珠e办事 · 终端 ${options.kioskId} · 打印日期 ${date} · 第 ${i + 1} / ${range.count} 页`, MARGIN, doc.page.height - MARGIN, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
