import iconv from 'iconv-lite';
import type { Align } from './escpos-commands';
import { tokenize, type EscPosToken } from './escpos-tokenizer';
import type { TicketDocument } from './ticket-document';

export type DecodedLine = {
  text: string;
  align: Align;
  width: number;
  height: number;
  bold: boolean;
};

export type DecodedQr = {
  data: string;
  /** Index in `lines` of the first line printed after the symbol. */
  beforeLine: number;
  moduleSize: number;
  errorCorrection: number;
};

/** What a strip of paper would show, read back from the bytes sent to the printer. */
export type DecodedTicket = {
  lines: DecodedLine[];
  qr: DecodedQr[];
  cuts: number;
  feeds: number;
  /** Single bytes the decoder did not recognise (skipped). */
  unknownBytes: number;
  /** DLE EOT requests found in the stream (the simulator answers these; they print nothing). */
  statusRequests: number[];
  /** The stream ended inside a command. */
  truncated: boolean;
};

export type DecodeOptions = {
  /** Whether the printer is in Chinese mode before any FS & (firmware default; false for Epson-like). */
  chineseAtStart?: boolean;
};

const alignOf = (n: number): Align => (n === 1 || n === 49 ? 'center' : n === 2 || n === 50 ? 'right' : 'left');

/** Decode an ESC/POS stream. Never throws: bad bytes are counted, a truncated command ends the stream. */
export function decodeTicket(bytes: Uint8Array, options: DecodeOptions = {}): DecodedTicket {
  const { tokens, consumed } = tokenize(bytes);
  const decoder = new TicketDecoderState(options.chineseAtStart ?? false);
  for (const token of tokens) decoder.apply(token);
  return decoder.finish(consumed < bytes.length);
}

/** Turn a decoded ticket back into the document shape the encoder takes (for round-trip checks). */
export function toTicketDocument(ticket: DecodedTicket): TicketDocument {
  const doc: TicketDocument = {
    lines: ticket.lines.map((l) => ({
      text: l.text,
      align: l.align,
      size: l.width >= 2 && l.height >= 2 ? 2 : 1,
      bold: l.bold,
    })),
    cut: ticket.cuts > 0,
  };
  const qr = ticket.qr[0];
  if (qr) doc.qr = qr.data;
  return doc;
}

class TicketDecoderState {
  private align: Align = 'left';
  private width = 1;
  private height = 1;
  private bold = false;
  private chinese: boolean;
  private pending: number[] = [];
  private pendingAttrs: Omit<DecodedLine, 'text'> | undefined;
  private qrData: Uint8Array | undefined;
  private qrModuleSize = 3;
  private qrEcc = 48;
  private afterQr = false;
  private readonly out: DecodedTicket = {
    lines: [],
    qr: [],
    cuts: 0,
    feeds: 0,
    unknownBytes: 0,
    statusRequests: [],
    truncated: false,
  };

  constructor(private readonly chineseAtStart: boolean) {
    this.chinese = chineseAtStart;
  }

  apply(token: EscPosToken): void {
    switch (token.type) {
      case 'text':
        this.afterQr = false;
        this.pendingAttrs ??= this.attrs();
        for (const b of token.bytes) this.pending.push(b);
        return;
      case 'lf':
        // The LF that ends a QR symbol's row belongs to the symbol, not to a blank line.
        if (!this.afterQr || this.pending.length > 0) this.flushLine(true);
        this.afterQr = false;
        return;
      case 'init':
        this.flushLine(false);
        this.align = 'left';
        this.width = this.height = 1;
        this.bold = false;
        this.chinese = this.chineseAtStart;
        this.qrData = undefined;
        return;
      case 'align':
        this.align = alignOf(token.n);
        return;
      case 'bold':
        this.bold = token.on;
        return;
      case 'size':
        this.width = (token.n >> 4) + 1;
        this.height = (token.n & 0x0f) + 1;
        return;
      case 'printMode':
        this.bold = (token.n & 0x08) !== 0;
        this.width = token.n & 0x20 ? 2 : 1;
        this.height = token.n & 0x10 ? 2 : 1;
        return;
      case 'chineseMode':
        this.chinese = token.on;
        return;
      case 'feed':
        this.flushLine(false);
        this.out.feeds += token.lines;
        return;
      case 'cut':
        this.flushLine(false);
        this.out.cuts++;
        return;
      case 'function':
        this.applyFunction(token.code, token.fn, token.data);
        return;
      case 'realtimeStatus':
        this.out.statusRequests.push(token.n);
        return;
      case 'unknown':
        this.out.unknownBytes++;
        return;
      case 'other':
        return;
    }
  }

  finish(truncated: boolean): DecodedTicket {
    this.flushLine(false);
    this.out.truncated = truncated;
    return this.out;
  }

  private applyFunction(code: number, fn: number, data: Uint8Array): void {
    if (code !== 0x6b) return; // only QR (GS ( k) matters here
    if (fn === 0x43) this.qrModuleSize = data[0] ?? this.qrModuleSize;
    else if (fn === 0x45) this.qrEcc = data[0] ?? this.qrEcc;
    else if (fn === 0x50) this.qrData = data.slice(1); // skip m = 0x30
    else if (fn === 0x51 && this.qrData) {
      this.flushLine(false);
      this.out.qr.push({
        data: Buffer.from(this.qrData).toString('utf8'),
        beforeLine: this.out.lines.length,
        moduleSize: this.qrModuleSize,
        errorCorrection: this.qrEcc,
      });
      this.afterQr = true;
    }
  }

  private attrs(): Omit<DecodedLine, 'text'> {
    return { align: this.align, width: this.width, height: this.height, bold: this.bold };
  }

  /** LF prints the buffer (even empty: a blank line); feed and cut print only a non-empty buffer. */
  private flushLine(force: boolean): void {
    if (!force && this.pending.length === 0) return;
    const attrs = this.pendingAttrs ?? this.attrs();
    const bytes = Buffer.from(this.pending);
    const text = this.chinese ? iconv.decode(bytes, 'gb18030') : bytes.toString('latin1');
    this.out.lines.push({ text, ...attrs });
    this.pending = [];
    this.pendingAttrs = undefined;
  }
}
