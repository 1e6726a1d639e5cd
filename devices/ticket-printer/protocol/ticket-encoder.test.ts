import { describe, expect, it } from 'vitest';
import { qrErrorCorrection, qrModel2, qrModuleSize, qrPrint, qrStore, realtimeStatusRequest } from './escpos-commands';
import { decodeTicket, toTicketDocument } from './ticket-decoder';
import { encodeText, encodeTicket, unprintableCharacters } from './ticket-encoder';
import type { TicketDocument } from './ticket-document';

const hex = (bytes: Iterable<number>) => Buffer.from([...bytes]).toString('hex');

describe('ESC/POS encoder', () => {
  it('encodes Chinese as GB18030 (DEVICES.md §3.1 and §7 vectors)', () => {
    expect(hex(encodeText('中文'))).toBe('d6d0cec4');
    expect(hex(encodeText('张三'))).toBe('d5c5c8fd');
    expect(hex(encodeText('广州'))).toBe('b9e3d6dd');
    expect(hex(encodeText('A001'))).toBe('41303031');
  });

  it('turns control characters into spaces so text cannot inject commands', () => {
    expect(hex(encodeText('a\x1b@\nb'))).toBe('6120402062');
  });

  it('prints four-byte GB18030 characters as ? and reports them', () => {
    expect(hex(encodeText('𠀀'))).toBe('3f');
    expect(unprintableCharacters({ lines: [{ text: '李𠀀明' }] })).toEqual(['𠀀']);
  });

  it('builds the QR block of DEVICES.md §3.1 byte for byte', () => {
    const data = new Uint8Array(Buffer.from('https://example.gov.cn/q?t=A001'));
    expect(data.length).toBe(31);
    expect(hex(qrModel2())).toBe('1d286b040031413200');
    expect(hex(qrModuleSize(6))).toBe('1d286b0300314306');
    expect(hex(qrErrorCorrection('M'))).toBe('1d286b0300314531');
    expect(hex(qrStore(data).slice(0, 8))).toBe('1d286b2200315030');
    expect(hex(qrPrint())).toBe('1d286b0300315130');
    expect(() => qrStore(new Uint8Array(0))).toThrow(RangeError);
  });

  it('builds DLE EOT requests', () => {
    expect(hex(realtimeStatusRequest(4))).toBe('100404');
    expect(hex(realtimeStatusRequest(1))).toBe('100401');
  });

  it('encodes a ticket with exact bytes', () => {
    const bytes = encodeTicket({ lines: [{ text: 'A001', align: 'center', size: 2, bold: true }], cut: true });
    expect(hex(bytes)).toBe(
      [
        '1b40', // ESC @
        '1c26', // FS & (Chinese mode)
        '1b6101', // centre
        '1d2111', // double width and height
        '1b4501', // bold
        '41303031', // A001
        '0a',
        '1b6100',
        '1d2100',
        '1b4500',
        '1b6404', // feed 4
        '1d5600', // full cut
      ].join(''),
    );
  });

  it('omits the cut when asked', () => {
    const bytes = encodeTicket({ lines: [{ text: 'x' }], cut: false });
    expect(hex(bytes).endsWith('1b6100' + '1d2100' + '1b4500')).toBe(true);
  });
});

describe('ESC/POS decoder', () => {
  it('reads a queue ticket back: text, alignment, sizes, bold, QR and cut', () => {
    const doc: TicketDocument = {
      lines: [
        { text: '海珠区政务服务中心', align: 'center', bold: true },
        { text: 'A001', align: 'center', size: 2 },
        { text: '前面还有 3 人', align: 'left' },
        { text: '2026-11-28 08:00', align: 'right' },
      ],
      qr: 'https://example.gov.cn/q?t=A001',
      cut: true,
    };
    const decoded = decodeTicket(encodeTicket(doc));
    expect(decoded.truncated).toBe(false);
    expect(decoded.unknownBytes).toBe(0);
    expect(decoded.lines.map((l) => l.text)).toEqual(doc.lines.map((l) => l.text));
    expect(decoded.lines[1]).toMatchObject({ align: 'center', width: 2, height: 2, bold: false });
    expect(decoded.lines[0]).toMatchObject({ align: 'center', width: 1, bold: true });
    expect(decoded.qr).toEqual([{ data: doc.qr, beforeLine: 4, moduleSize: 6, errorCorrection: 49 }]);
    expect(decoded.cuts).toBe(1);
    expect(toTicketDocument(decoded)).toEqual({
      ...doc,
      lines: doc.lines.map((l) => ({ align: 'left', size: 1, bold: false, ...l })),
    });
  });

  it('decodes Hanzi only in Chinese mode, as the printer would', () => {
    const raw = Uint8Array.from([0x1b, 0x40, 0xd6, 0xd0, 0xce, 0xc4, 0x0a]);
    expect(decodeTicket(raw).lines[0]?.text).toBe('ÖÐÎÄ');
    expect(decodeTicket(raw, { chineseAtStart: true }).lines[0]?.text).toBe('中文');
  });

  it('skips raster images and counts DLE EOT requests without printing them', () => {
    const raster = [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x0a, 0x1b, 0x10, 0x04];
    const raw = Uint8Array.from([0x10, 0x04, 0x04, ...raster, 0x41, 0x0a, 0x10, 0x04, 0x01]);
    const decoded = decodeTicket(raw);
    expect(decoded.statusRequests).toEqual([4, 1]);
    expect(decoded.lines.map((l) => l.text)).toEqual(['A']);
  });

  it('flags a stream that ends inside a command', () => {
    const full = encodeTicket({ lines: [{ text: 'x' }], qr: 'abc' });
    const qrStart = hex(full).indexOf('1d286b0600');
    const cut = full.slice(0, qrStart / 2 + 6);
    const decoded = decodeTicket(cut);
    expect(decoded.truncated).toBe(true);
    expect(decoded.lines.map((l) => l.text)).toEqual(['x']);
  });
});
