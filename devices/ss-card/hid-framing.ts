// SIM-HID-CCID v0 — THE PROJECT'S OWN FRAMING, NOT A VENDOR PROTOCOL (DEVICES.md §2.5).
// No public source documents the HID wire format of a social-security card reader, so the
// simulator and HidCardTransport speak this design until the vendor's document arrives:
// CCID-style messages (10-byte header + data) carried in 64-byte HID reports.
//
// Report (64 bytes, without node-hid's leading report-ID byte):
//   byte 0      PCB: bit 7 = more fragments follow, bits 0–6 = fragment sequence number (0, 1, …)
//   bytes 1–63  fragment of one message; the last fragment is zero-padded
// Message:
//   [0] bMessageType  [1..4] dwLength (LE, data bytes)  [5] bSlot  [6] bSeq
//   [7..9] replies: bStatus bError bChainParameter; requests: bPowerSelect RFU RFU
//   [10..] data: ATR (PowerOn reply) or C-APDU / R-APDU (XfrBlock / DataBlock)

export const FRAMING_NAME = 'SIM-HID-CCID v0';
export const REPORT_SIZE = 64;
export const FRAGMENT_SIZE = REPORT_SIZE - 1;
export const HEADER_SIZE = 10;
export const MAX_FRAGMENTS = 128;
export const MAX_DATA = MAX_FRAGMENTS * FRAGMENT_SIZE - HEADER_SIZE;

export const MESSAGE_TYPE = {
  powerOn: 0x62,
  powerOff: 0x63,
  getSlotStatus: 0x65,
  xfrBlock: 0x6f,
  dataBlock: 0x80,
  slotStatus: 0x81,
} as const;

/** bStatus bits 0–1. */
export const ICC_STATUS = { active: 0, inactive: 1, absent: 2 } as const;
/** bStatus bits 6–7. */
export const COMMAND_STATUS = { ok: 0, failed: 1, timeExtension: 2 } as const;
/** bError values used by the simulator (CCID numbering). */
export const CCID_ERROR = { iccMute: 0xfe, hwError: 0xfb, cmdAborted: 0xff, badLength: 0x01 } as const;

export type CcidMessage = {
  type: number;
  slot: number;
  seq: number;
  /** Replies: bStatus, bError, bChainParameter. Requests: bPowerSelect, RFU, RFU. */
  params: readonly [number, number, number];
  data: Uint8Array;
};

export type FramingError =
  | { kind: 'reportSize'; length: number }
  | { kind: 'sequence'; expected: number; actual: number }
  | { kind: 'header'; length: number }
  | { kind: 'length'; declared: number; available: number }
  | { kind: 'padding' };

export function encodeMessage(message: CcidMessage): Uint8Array {
  if (message.data.length > MAX_DATA) throw new RangeError(`message data longer than ${MAX_DATA} bytes`);
  const out = new Uint8Array(HEADER_SIZE + message.data.length);
  out[0] = message.type;
  new DataView(out.buffer).setUint32(1, message.data.length, true);
  out[5] = message.slot;
  out[6] = message.seq & 0xff;
  out.set(message.params, 7);
  out.set(message.data, HEADER_SIZE);
  return out;
}

/** Decodes a reassembled message; bytes past dwLength must be zero padding. */
export function decodeMessage(bytes: Uint8Array): { ok: true; value: CcidMessage } | { ok: false; error: FramingError } {
  if (bytes.length < HEADER_SIZE) return { ok: false, error: { kind: 'header', length: bytes.length } };
  const declared = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1, true);
  const available = bytes.length - HEADER_SIZE;
  if (declared > available) return { ok: false, error: { kind: 'length', declared, available } };
  if (bytes.subarray(HEADER_SIZE + declared).some((b) => b !== 0)) return { ok: false, error: { kind: 'padding' } };
  return {
    ok: true,
    value: {
      type: bytes[0] ?? 0,
      slot: bytes[5] ?? 0,
      seq: bytes[6] ?? 0,
      params: [bytes[7] ?? 0, bytes[8] ?? 0, bytes[9] ?? 0],
      data: bytes.slice(HEADER_SIZE, HEADER_SIZE + declared),
    },
  };
}

/** Splits a message into 64-byte reports (without the report-ID byte). */
export function toReports(message: CcidMessage): Uint8Array[] {
  const bytes = encodeMessage(message);
  const count = Math.max(1, Math.ceil(bytes.length / FRAGMENT_SIZE));
  const reports: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const report = new Uint8Array(REPORT_SIZE);
    report[0] = (i < count - 1 ? 0x80 : 0) | i;
    report.set(bytes.subarray(i * FRAGMENT_SIZE, (i + 1) * FRAGMENT_SIZE), 1);
    reports.push(report);
  }
  return reports;
}

/** node-hid writes need the report ID first: 0x00 for a device without numbered reports. */
export const withReportId = (report: Uint8Array): number[] => [0x00, ...report];

export type ReassemblyResult =
  | { kind: 'incomplete' }
  | { kind: 'message'; message: CcidMessage }
  | { kind: 'error'; error: FramingError };

/**
 * Collects reports until the last fragment of a message. Any error drops the partial message,
 * so the next report with sequence 0 starts afresh.
 */
export class Reassembler {
  private fragments: Uint8Array[] = [];
  /** Partial messages abandoned because a new one started. */
  droppedMessages = 0;

  push(report: Uint8Array): ReassemblyResult {
    if (report.length !== REPORT_SIZE) return this.fail({ kind: 'reportSize', length: report.length });
    const pcb = report[0] ?? 0;
    const seq = pcb & 0x7f;
    const expected = this.fragments.length;
    if (seq !== expected) {
      this.fragments = [];
      // A new message start after a lost tail: count the loss and take the new message.
      if (seq === 0) this.droppedMessages += 1;
      else return { kind: 'error', error: { kind: 'sequence', expected, actual: seq } };
    }
    this.fragments.push(report.slice(1));
    if (pcb & 0x80) return { kind: 'incomplete' };
    return this.complete();
  }

  reset(): void {
    this.fragments = [];
  }

  private complete(): ReassemblyResult {
    const bytes = Uint8Array.from(Buffer.concat(this.fragments));
    this.fragments = [];
    const decoded = decodeMessage(bytes);
    return decoded.ok ? { kind: 'message', message: decoded.value } : { kind: 'error', error: decoded.error };
  }

  private fail(error: FramingError): ReassemblyResult {
    this.fragments = [];
    return { kind: 'error', error };
  }
}

/** bStatus of a reply. */
export function replyStatus(message: CcidMessage): { icc: 'active' | 'inactive' | 'absent' | 'rfu'; command: 'ok' | 'failed' | 'timeExtension' | 'rfu'; error: number } {
  const bStatus = message.params[0];
  const icc = (['active', 'inactive', 'absent', 'rfu'] as const)[bStatus & 0x03] ?? 'rfu';
  const command = (['ok', 'failed', 'timeExtension', 'rfu'] as const)[(bStatus >> 6) & 0x03] ?? 'rfu';
  return { icc, command, error: message.params[1] };
}

export const makeStatus = (icc: number, command: number): number => ((command & 0x03) << 6) | (icc & 0x03);
