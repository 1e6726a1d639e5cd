import { SsCardError } from './ss-card-error';
import type { CardReaderTransport, SlotState } from './apdu/card-transport';
import {
  FRAMING_NAME,
  MESSAGE_TYPE,
  Reassembler,
  REPORT_SIZE,
  replyStatus,
  toReports,
  withReportId,
  type CcidMessage,
} from './hid-framing';

/** The part of node-hid's HIDAsync the transport uses (a fake implements it in tests). */
export type HidDeviceLike = {
  write(values: number[] | Buffer): Promise<number>;
  /** Resolves undefined when nothing arrived within timeOut ms. */
  read(timeOut?: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
};

/** How the configuration names the reader: its hidraw path, or VID/PID. */
export type HidSelector = { path: string } | { vendorId: number; productId: number };

/**
 * Reads the reader setting of the config / KIOSK_SS_READER: `VID:PID` in hex (`0483:572b`,
 * `0x0483:0x572B`) or a device path (`/dev/hidraw3`, a Windows `\\?\hid#…` path).
 * Undefined when it is neither (e.g. `sim`, which main/app.ts handles itself).
 */
export function parseHidSelector(value: string): HidSelector | undefined {
  const ids = /^(?:0x)?([0-9a-f]{1,4}):(?:0x)?([0-9a-f]{1,4})$/i.exec(value.trim());
  if (ids) return { vendorId: parseInt(ids[1] ?? '', 16), productId: parseInt(ids[2] ?? '', 16) };
  if (value.startsWith('/dev/') || value.startsWith('\\')) return { path: value };
  return undefined;
}

export type HidTransportOptions = {
  /** Per-exchange deadline; a time-extension reply restarts it. */
  timeoutMs?: number;
  slot?: number;
  now?: () => number;
};

/** Opens the reader through node-hid (loaded lazily: only real hardware needs the native module). */
export async function openHidDevice(selector: HidSelector): Promise<HidDeviceLike> {
  const HID = await import('node-hid');
  try {
    return 'path' in selector
      ? await HID.HIDAsync.open(selector.path, { nonExclusive: false })
      : await HID.HIDAsync.open(selector.vendorId, selector.productId, { nonExclusive: false });
  } catch (e) {
    throw new SsCardError('transport', `cannot open HID reader: ${(e as Error).message}`);
  }
}

/**
 * CardTransport over a HID reader speaking SIM-HID-CCID v0 (the project's own framing, see
 * hid-framing.ts). One exchange at a time; replies are matched by bSeq, stale ones dropped.
 */
export class HidCardTransport implements CardReaderTransport {
  readonly framing = FRAMING_NAME;
  private readonly reassembler = new Reassembler();
  private readonly timeoutMs: number;
  private readonly slot: number;
  private readonly now: () => number;
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly device: HidDeviceLike,
    options: HidTransportOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.slot = options.slot ?? 0;
    this.now = options.now ?? Date.now;
  }

  async powerOn(): Promise<Uint8Array> {
    const reply = await this.exchange(MESSAGE_TYPE.powerOn, new Uint8Array(0), MESSAGE_TYPE.dataBlock);
    return reply.data;
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    const reply = await this.exchange(MESSAGE_TYPE.xfrBlock, apdu, MESSAGE_TYPE.dataBlock);
    return reply.data;
  }

  async powerOff(): Promise<void> {
    await this.exchange(MESSAGE_TYPE.powerOff, new Uint8Array(0), MESSAGE_TYPE.slotStatus);
  }

  async slotStatus(): Promise<SlotState> {
    const reply = await this.exchange(MESSAGE_TYPE.getSlotStatus, new Uint8Array(0), MESSAGE_TYPE.slotStatus);
    const { icc } = replyStatus(reply);
    return icc === 'active' ? 'active' : icc === 'inactive' ? 'inactive' : 'absent';
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.device.close().catch(() => undefined);
  }

  private exchange(type: number, data: Uint8Array, replyType: number): Promise<CcidMessage> {
    const run = this.queue.catch(() => undefined).then(() => this.run(type, data, replyType));
    this.queue = run;
    return run;
  }

  private async run(type: number, data: Uint8Array, replyType: number): Promise<CcidMessage> {
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xff;
    const request: CcidMessage = { type, slot: this.slot, seq, params: [0, 0, 0], data };
    try {
      for (const report of toReports(request)) await this.device.write(withReportId(report));
    } catch (e) {
      throw new SsCardError('transport', `HID write failed: ${(e as Error).message}`);
    }
    this.reassembler.reset();
    let deadline = this.now() + this.timeoutMs;
    for (;;) {
      const remaining = deadline - this.now();
      if (remaining <= 0) throw new SsCardError('timeout', `no reply to message 0x${type.toString(16)}`);
      const message = await this.readMessage(remaining);
      if (!message || message.seq !== seq) continue;
      const status = replyStatus(message);
      if (status.command === 'timeExtension') {
        deadline = this.now() + this.timeoutMs;
        continue;
      }
      if (message.type !== replyType) throw new SsCardError('framing', `reply type 0x${message.type.toString(16)} to 0x${type.toString(16)}`);
      if (status.command === 'failed') {
        if (status.icc === 'absent' || status.icc === 'inactive') throw new SsCardError('noCard', `no active card (bError 0x${status.error.toString(16)})`);
        throw new SsCardError('transport', `reader error 0x${status.error.toString(16)}`);
      }
      return message;
    }
  }

  /** One report → at most one message; undefined on a read timeout chunk or partial message. */
  private async readMessage(timeoutMs: number): Promise<CcidMessage | undefined> {
    let report: Buffer | undefined;
    try {
      report = await this.device.read(timeoutMs);
    } catch (e) {
      throw new SsCardError('transport', `HID read failed: ${(e as Error).message}`);
    }
    if (!report) return undefined;
    // Some platforms hand back the report-ID byte too.
    const bytes = report.length === REPORT_SIZE + 1 && report[0] === 0 ? report.subarray(1) : report;
    const result = this.reassembler.push(bytes);
    if (result.kind === 'error') throw new SsCardError('framing', `malformed HID report: ${result.error.kind}`);
    return result.kind === 'message' ? result.message : undefined;
  }
}

