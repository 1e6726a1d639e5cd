import { silentDeviceLog, type DeviceLog } from '../shared/status';
import { commandOf, type SamCommand } from './protocol/commands';
import { FrameParser } from './protocol/frame-parser';
import { findOkFrame, okFrame, readReplyFrame, selectOkFrame, statusFrame } from './protocol/reader-side';
import type { IdCardData } from './protocol/types';
import { openSerialPortLink, type OpenSerialLink, type SerialLink } from './serial-link';

/**
 * Faults the simulated reader can show:
 * - `samFault` / `samUnauthorised`: every command answers 0x60 / 0x66;
 * - `garbage`: random bytes instead of any reply; `noisy`: random bytes before each good reply;
 * - `wrongReply`: each command gets the reply of a different command;
 * - `silent`: no reply at all; `badChecksum`: replies with a broken checksum;
 * - `unreadable`: the card is found and selected but 30 01 answers 0x41 (read failed).
 */
export type IdCardSimulatorFault =
  | 'none'
  | 'samFault'
  | 'samUnauthorised'
  | 'garbage'
  | 'noisy'
  | 'wrongReply'
  | 'silent'
  | 'badChecksum'
  | 'unreadable';

export type IdCardSimulatorOptions = {
  /** The device end of the serial line (e.g. the second pty of a socat pair). */
  path: string;
  baudRate?: number;
  /** Replies are written in chunks of this many bytes, as a USB-serial bridge delivers them. */
  chunkSize?: number;
  /** After a successful read, `find` fails until the card is removed (DEVICES.md §1.1). */
  lockout?: boolean;
  /** Answer 30 05 (chip management number); readers without it answer 0x21. */
  chipId?: boolean;
  /** When the port vanishes, try to reopen it this often (ms). */
  reattachMs?: number;
  random?: () => number;
  log?: DeviceLog;
  openLink?: OpenSerialLink;
};

type Slot = { card: IdCardData; selected: boolean; found: boolean; read: boolean };

const SAM_ID = Uint8Array.of(5, 0, 1, 0, 0x78, 0x56, 0x34, 0x12, 0x15, 0xcd, 0x5b, 0x07, 0xb1, 0x68, 0xde, 0x3a);
const CHIP_ID = Uint8Array.of(0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0);

/** The reader's side of the SAM serial protocol over a real port. */
export class IdCardSimulator {
  private readonly parser = new FrameParser();
  private readonly log: DeviceLog;
  private readonly random: () => number;
  private readonly openLink: OpenSerialLink;
  private link: SerialLink | undefined;
  private slot: Slot | undefined;
  private fault: IdCardSimulatorFault = 'none';
  private closed = false;
  private reattachTimer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Every command received, in order (for tests and the CLI). */
  readonly received: SamCommand[] = [];

  private constructor(private readonly options: IdCardSimulatorOptions) {
    this.log = options.log ?? silentDeviceLog;
    this.random = options.random ?? Math.random;
    this.openLink = options.openLink ?? openSerialPortLink;
  }

  static async start(options: IdCardSimulatorOptions): Promise<IdCardSimulator> {
    const sim = new IdCardSimulator(options);
    await sim.attach();
    return sim;
  }

  insert(card: IdCardData): void {
    this.slot = { card, selected: false, found: false, read: false };
  }

  remove(): void {
    this.slot = undefined;
  }

  setFault(fault: IdCardSimulatorFault): void {
    this.fault = fault;
  }

  get attached(): boolean {
    return this.link !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reattachTimer) clearTimeout(this.reattachTimer);
    await this.queue;
    const link = this.link;
    this.link = undefined;
    await link?.close();
  }

  private async attach(): Promise<void> {
    this.parser.reset();
    this.link = await this.openLink(this.options.path, this.options.baudRate ?? 115200, {
      onData: (chunk) => this.receive(chunk),
      onLost: () => this.lost(),
    });
  }

  private lost(): void {
    this.link = undefined;
    if (this.closed) return;
    const retry = () => {
      this.reattachTimer = undefined;
      if (this.closed) return;
      this.attach().catch(() => {
        this.reattachTimer = setTimeout(retry, this.options.reattachMs ?? 100);
      });
    };
    this.reattachTimer = setTimeout(retry, this.options.reattachMs ?? 100);
  }

  private receive(chunk: Uint8Array): void {
    for (const item of this.parser.push(chunk)) {
      if (item.type === 'error') {
        if (item.error.kind === 'checksum') this.reply(statusFrame(0x10));
        if (item.error.kind === 'length') this.reply(statusFrame(0x11));
        continue;
      }
      const command = commandOf(item.body);
      if (command) this.received.push(command);
      this.respond(command);
    }
  }

  private respond(command: SamCommand | undefined): void {
    const fault = this.fault;
    if (fault === 'silent') return;
    if (fault === 'garbage') {
      this.reply(this.noise());
      return;
    }
    let frame = command ? this.answer(command) : statusFrame(0x21);
    if (fault === 'wrongReply' && command) frame = command === 'find' ? selectOkFrame() : findOkFrame();
    if (fault === 'badChecksum') {
      frame = Uint8Array.from(frame);
      frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0x5a;
    }
    if (fault === 'noisy') this.reply(this.noise());
    this.reply(frame);
  }

  /** The reply a healthy reader gives, given the SAM fault and the card in the field. */
  private answer(command: SamCommand): Uint8Array {
    if (this.fault === 'samFault') return statusFrame(0x60);
    if (this.fault === 'samUnauthorised') return statusFrame(0x66);
    const slot = this.slot;
    switch (command) {
      case 'reset':
      case 'status':
      case 'setMaxRfBytes':
        return okFrame();
      case 'samId':
        return okFrame(SAM_ID);
      case 'find':
        if (!slot || (slot.read && this.options.lockout !== false)) return statusFrame(0x80);
        slot.found = true;
        return findOkFrame();
      case 'select':
        if (!slot?.found) return statusFrame(0x81);
        slot.selected = true;
        return selectOkFrame();
      case 'readTextPhoto':
        if (!slot?.selected) return statusFrame(0x41);
        slot.selected = false;
        slot.found = false;
        if (this.fault === 'unreadable') return statusFrame(0x41);
        slot.read = true;
        return readReplyFrame(slot.card);
      case 'readTextPhotoFingerprint':
        return statusFrame(0x21);
      case 'readChipId':
        if (this.options.chipId === false) return statusFrame(0x21);
        return slot?.read ? okFrame(CHIP_ID) : statusFrame(0x80);
      case 'readNewAddress':
        return slot?.read ? statusFrame(0x91) : statusFrame(0x41);
    }
  }

  private noise(): Uint8Array {
    const bytes = new Uint8Array(8 + Math.floor(this.random() * 24));
    // Never 0xAA, so the noise cannot contain a preamble; a stray partial one is added on purpose.
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(this.random() * 0xa9);
    bytes.set([0xaa, 0xaa, 0x96], 2);
    return bytes;
  }

  /** Replies go out in order, chunk by chunk. */
  private reply(frame: Uint8Array): void {
    const size = this.options.chunkSize ?? 64;
    this.queue = this.queue.then(async () => {
      for (let i = 0; i < frame.length; i += size) {
        const link = this.link;
        if (!link) return;
        try {
          await link.write(frame.subarray(i, i + size));
        } catch (e) {
          this.log.warn({ error: (e as Error).message }, 'simulator write failed');
          return;
        }
      }
    });
  }
}
