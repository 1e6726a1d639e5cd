import iconv from 'iconv-lite';
import {
  LF,
  align,
  bold,
  characterSize,
  chineseModeOn,
  feedLines,
  fullCut,
  initialize,
  partialCut,
  qrErrorCorrection,
  qrModel2,
  qrModuleSize,
  qrPrint,
  qrStore,
} from './escpos-commands';
import type { EncodeOptions, TicketDocument, TicketLine } from './ticket-document';

const QUESTION_MARK = 0x3f;

/**
 * Encode a ticket as ESC/POS bytes.
 *
 * Chinese: we send FS & once, right after ESC @, and stay in Chinese mode for the whole ticket.
 * In that mode bytes below 0x80 still print as ASCII, so mixed text needs no toggling, and every
 * GB18030 two-byte code (the GBK range, which is what the printer fonts hold) prints as a Hanzi.
 * Printers whose firmware boots in Chinese mode ignore the redundant FS &; printers that boot in
 * single-byte mode would otherwise print two Latin glyphs per Hanzi. Characters that GB18030 can
 * only express in four bytes (rare name characters, e.g. 𠀀) are not in any printer font we know:
 * they are printed as "?" and listed by `unprintableCharacters` so the caller can decide.
 *
 * Each line restates its alignment, size and bold, so a line never inherits a mode by accident.
 * GS ! applies to Hanzi as well on the printers we target, so FS ! is not used.
 */
export function encodeTicket(doc: TicketDocument, options: EncodeOptions = {}): Uint8Array {
  const out: number[] = [...initialize(), ...chineseModeOn()];
  for (const line of doc.lines) out.push(...encodeLine(line));
  if (doc.qr !== undefined) {
    out.push(
      ...align('center'),
      ...qrModel2(),
      ...qrModuleSize(options.qrModuleSize ?? 6),
      ...qrErrorCorrection(options.qrErrorCorrection ?? 'M'),
      ...qrStore(new Uint8Array(Buffer.from(doc.qr, 'utf8'))),
      ...qrPrint(),
      LF,
    );
  }
  // Leave the printer in its default modes for whoever prints next.
  out.push(...align('left'), ...characterSize(1, 1), ...bold(false));
  if (doc.cut ?? true) {
    out.push(...feedLines(options.feedBeforeCut ?? 4), ...(options.cutMode === 'partial' ? partialCut() : fullCut()));
  }
  return Uint8Array.from(out);
}

function encodeLine(line: TicketLine): number[] {
  const size = line.size ?? 1;
  return [
    ...align(line.align ?? 'left'),
    ...characterSize(size, size),
    ...bold(line.bold ?? false),
    ...encodeText(line.text),
    LF,
  ];
}

/** GB18030 bytes for printable text; control characters become spaces so text can never smuggle in a command. */
export function encodeText(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x20;
    if (code < 0x20 || code === 0x7f) {
      out.push(0x20);
      continue;
    }
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const bytes = iconv.encode(ch, 'gb18030');
    out.push(...(bytes.length === 2 ? bytes : [QUESTION_MARK]));
  }
  return out;
}

/** Characters of the ticket the printer font cannot show (four-byte GB18030 codes). */
export function unprintableCharacters(doc: TicketDocument): string[] {
  const found = new Set<string>();
  for (const line of doc.lines) {
    for (const ch of line.text) {
      if ((ch.codePointAt(0) ?? 0) >= 0x80 && iconv.encode(ch, 'gb18030').length !== 2) found.add(ch);
    }
  }
  return [...found];
}
