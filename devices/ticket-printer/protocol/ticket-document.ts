import type { Align, QrErrorCorrection } from './escpos-commands';

/** What the kiosk asks the thermal printer to print: a slip or a queue ticket. */
export type TicketLine = {
  text: string;
  align?: Align;
  /** 1 = normal, 2 = double width and height. */
  size?: 1 | 2;
  bold?: boolean;
};

export type TicketDocument = {
  lines: TicketLine[];
  /** Printed centred after the lines, as a model-2 QR symbol. */
  qr?: string;
  /** Feed past the cutter and cut (default true). */
  cut?: boolean;
};

export type EncodeOptions = {
  /** QR module size in dots, 1–16 (default 6). */
  qrModuleSize?: number;
  qrErrorCorrection?: QrErrorCorrection;
  /** Lines fed before the cut so the last line clears the blade (default 4). */
  feedBeforeCut?: number;
  cutMode?: 'full' | 'partial';
};
