import {
  CCID_ERROR,
  COMMAND_STATUS,
  ICC_STATUS,
  MESSAGE_TYPE,
  Reassembler,
  REPORT_SIZE,
  makeStatus,
  toReports,
  type CcidMessage,
} from './hid-framing';
import type { HidDeviceLike } from './hid-transport';
import type { SimulatedChip } from './simulated-card';

export type HidReaderFault = 'none' | 'silent' | 'malformedReport';

/**
 * A simulated HID social-security card reader at node-hid's API boundary: it takes the reports
 * HidCardTransport writes, reassembles SIM-HID-CCID v0 messages, lets the simulated chip answer
 * and queues the reply reports for read(). No virtual HID exists on Linux without root, so this
 * is where the framing meets a "device". `open()` plays HID.HIDAsync.open(): each handle fails
 * once the reader is unplugged, and opening fails until it is plugged back.
 */
export class SimulatedHidReader {
  private readonly reassembler = new Reassembler();
  private outbox: Buffer[] = [];
  private readers: Array<() => void> = [];
  private chip: SimulatedChip | undefined;
  private powered = false;
  private fault: HidReaderFault = 'none';
  private generation = 0;
  private plugged = true;
  /** Every message the host sent, decoded (for tests). */
  readonly received: CcidMessage[] = [];

  open(): HidDeviceLike {
    if (!this.plugged) throw new Error('HID device not found');
    const generation = this.generation;
    let closed = false;
    const alive = () => !closed && this.plugged && generation === this.generation;
    return {
      write: async (values) => {
        if (!alive()) throw new Error('could not write to HID device');
        return this.receive(Uint8Array.from(values));
      },
      read: async (timeOut) => {
        if (!alive()) throw new Error('could not read from HID device');
        if (this.outbox.length === 0) await this.waitForReply(timeOut ?? 1000);
        if (!alive()) throw new Error('could not read from HID device');
        return this.outbox.shift();
      },
      close: async () => {
        closed = true;
      },
    };
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  unplug(): void {
    this.plugged = false;
    this.generation += 1;
    this.powered = false;
    this.outbox = [];
    for (const wake of this.readers.splice(0)) wake();
  }

  replug(): void {
    this.plugged = true;
  }

  insert(chip: SimulatedChip): void {
    this.chip = chip;
    this.powered = false;
    chip.reset();
  }

  remove(): void {
    this.chip = undefined;
    this.powered = false;
  }

  setFault(fault: HidReaderFault): void {
    this.fault = fault;
  }

  private receive(bytes: Uint8Array): number {
    if (bytes.length !== REPORT_SIZE + 1 || bytes[0] !== 0) throw new Error(`report must be ${REPORT_SIZE + 1} bytes with ID 0`);
    const result = this.reassembler.push(bytes.subarray(1));
    if (result.kind === 'message') {
      this.received.push(result.message);
      this.answer(result.message);
    }
    return bytes.length;
  }

  private waitForReply(timeOut: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.readers = this.readers.filter((r) => r !== wake);
        resolve();
      }, timeOut);
      this.readers.push(wake);
    });
  }

  private answer(request: CcidMessage): void {
    if (this.fault === 'silent') return;
    const reply = this.reply(request);
    const reports = toReports(reply).map((r) => Buffer.from(r));
    if (this.fault === 'malformedReport') reports.unshift(Buffer.alloc(REPORT_SIZE - 1, 0x42));
    this.outbox.push(...reports);
    for (const wake of this.readers.splice(0)) wake();
  }

  private reply(request: CcidMessage): CcidMessage {
    const chip = this.chip;
    const icc = !chip ? ICC_STATUS.absent : this.powered ? ICC_STATUS.active : ICC_STATUS.inactive;
    const base = { slot: request.slot, seq: request.seq };
    const ok = (type: number, data: Uint8Array = new Uint8Array(0), iccState: number = icc): CcidMessage => ({
      ...base,
      type,
      params: [makeStatus(iccState, COMMAND_STATUS.ok), 0, 0],
      data,
    });
    const failed = (type: number, error: number): CcidMessage => ({
      ...base,
      type,
      params: [makeStatus(icc, COMMAND_STATUS.failed), error, 0],
      data: new Uint8Array(0),
    });
    switch (request.type) {
      case MESSAGE_TYPE.powerOn:
        if (!chip) return failed(MESSAGE_TYPE.dataBlock, CCID_ERROR.iccMute);
        chip.reset();
        this.powered = true;
        return ok(MESSAGE_TYPE.dataBlock, chip.atr, ICC_STATUS.active);
      case MESSAGE_TYPE.powerOff:
        this.powered = false;
        chip?.reset();
        return ok(MESSAGE_TYPE.slotStatus, new Uint8Array(0), chip ? ICC_STATUS.inactive : ICC_STATUS.absent);
      case MESSAGE_TYPE.getSlotStatus:
        return ok(MESSAGE_TYPE.slotStatus);
      case MESSAGE_TYPE.xfrBlock:
        if (!chip || !this.powered) return failed(MESSAGE_TYPE.dataBlock, CCID_ERROR.iccMute);
        return ok(MESSAGE_TYPE.dataBlock, chip.process(request.data));
      default:
        return failed(MESSAGE_TYPE.slotStatus, CCID_ERROR.cmdAborted);
    }
  }
}
