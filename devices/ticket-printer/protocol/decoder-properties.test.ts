import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from './escpos-tokenizer';
import { decodeStatusReply, isValidStatusReply } from './realtime-status';
import { decodeTicket, toTicketDocument } from './ticket-decoder';
import { encodeTicket } from './ticket-encoder';
import type { TicketDocument } from './ticket-document';

const bytes = fc.uint8Array({ maxLength: 2048 });

// Printable text the encoder keeps verbatim: ASCII letters/digits/space and common Hanzi (GBK).
const printableChar = fc.oneof(
  fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -:./'.split('')),
  fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c)),
);
const line = fc.record({
  text: fc.array(printableChar, { maxLength: 24 }).map((a) => a.join('')),
  align: fc.constantFrom('left' as const, 'center' as const, 'right' as const),
  size: fc.constantFrom(1 as const, 2 as const),
  bold: fc.boolean(),
});
const documents = fc.record({
  lines: fc.array(line, { maxLength: 8 }),
  qr: fc.option(fc.string({ minLength: 1, maxLength: 200 }), { nil: undefined }),
  cut: fc.boolean(),
});

describe('decoder properties', () => {
  it('the status decoder never throws and accepts exactly the fixed pattern', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 300 }), fc.integer({ min: -1, max: 6 }), (byte, n) => {
        const r = decodeStatusReply(n, byte);
        if (r !== undefined) expect(byte >= 0 && byte <= 255 && isValidStatusReply(byte) && n >= 1 && n <= 4).toBe(true);
      }),
    );
  });

  it('the ESC/POS decoder never throws on random or truncated bytes', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const d = decodeTicket(b);
        expect(d.lines.length).toBeLessThanOrEqual(b.length + 1);
      }),
      { numRuns: 500 },
    );
  });

  it('the tokenizer always makes progress and never reads past the end', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const { consumed } = tokenize(b);
        expect(consumed).toBeGreaterThanOrEqual(0);
        expect(consumed).toBeLessThanOrEqual(b.length);
        // What is left is one incomplete command, so it starts with a command byte.
        if (consumed < b.length) expect(b[consumed]).toBeLessThan(0x20);
      }),
      { numRuns: 500 },
    );
  });

  it('a chunked stream tokenizes to the same tokens as the whole stream', () => {
    fc.assert(
      fc.property(documents, fc.integer({ min: 1, max: 64 }), (doc, chunk) => {
        const whole = encodeTicket(doc as TicketDocument);
        const streamed: unknown[] = [];
        let pending = new Uint8Array(0);
        for (let i = 0; i < whole.length; i += chunk) {
          const buf = Buffer.concat([pending, whole.subarray(i, i + chunk)]);
          const { tokens, consumed } = tokenize(buf);
          streamed.push(...tokens);
          pending = buf.subarray(consumed);
        }
        expect(pending.length).toBe(0);
        const joinText = (ts: unknown[]) => JSON.stringify(ts.filter((t) => (t as { type: string }).type !== 'text'));
        expect(joinText(streamed)).toBe(joinText(tokenize(whole).tokens));
      }),
      { numRuns: 200 },
    );
  });

  it('encode → decode round-trips any document', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const decoded = toTicketDocument(decodeTicket(encodeTicket(doc as TicketDocument)));
        const expected: TicketDocument = { lines: doc.lines, cut: doc.cut };
        if (doc.qr !== undefined) expected.qr = doc.qr;
        expect(decoded).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('every truncation of a ticket decodes without throwing', () => {
    fc.assert(
      fc.property(documents, fc.nat(), (doc, cutAt) => {
        const whole = encodeTicket(doc as TicketDocument);
        const part = whole.subarray(0, cutAt % (whole.length + 1));
        const d = decodeTicket(part);
        expect(d.lines.length).toBeLessThanOrEqual(doc.lines.length + 1);
      }),
      { numRuns: 300 },
    );
  });
});
