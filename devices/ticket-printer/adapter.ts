import { SerialPort } from 'serialport';
import { TypedEmitter } from '../shared/emitter';
import { silentDeviceLog, type DeviceAdapter, type DeviceLog, type PrinterStatus, type Unsubscribe } from '../shared/status';
import { realtimeStatusRequest } from './protocol/escpos-commands';
import {
  STATUS_QUERIES,
  decodeStatusReply,
  refusalFor,
  toPrinterStatus,
  type PrinterConditions,
} from './protocol/realtime-status';
import { encodeTicket, unprintableCharacters } from './protocol/ticket-encoder';
import type { EncodeOptions, TicketDocument } from './protocol/ticket-document';
import { TicketPrinterError } from './ticket-printer-error';

export type TicketPrinterOptions = {
  /** Serial device, e.g. /dev/ttyUSB0 or COM3. */
  path: string;
  baudRate?: number;
  log?: DeviceLog;
  clock?: () => Date;
  /** Idle DLE EOT poll period (default 3000 ms). */
  pollIntervalMs?: number;
  /** How long the printer may take to answer one DLE EOT (default 1000 ms). */
  replyTimeoutMs?: number;
  /** How long the ticket's bytes may take to leave the port (default 10 000 ms). */
  writeTimeoutMs?: number;
  /** Reopen back-off after the port vanishes: first delay, doubling up to the max (defaults 250 / 5000 ms). */
  reopenInitialMs?: number;
  reopenMaxMs?: number;
  encode?: EncodeOptions;
  widthDots?: number;
};

export type TicketPrinterCapabilities = { cutter: boolean; qr: boolean; widthDots: number };

export type TicketPrinterEvents = {
  statusChanged: PrinterStatus;
  paperLow: Record<string, never>;
  paperOut: Record<string, never>;
};

export type PrintTicketResult = { bytes: number; status: PrinterStatus };

type ReplyWaiter = { resolve: (byte: number) => void; reject: (err: Error) => void };

/**
 * The thermal ticket printer over ESC/POS on a serial line. One job at a time: status polls and
 * tickets share one queue, so a poll never lands in the middle of a ticket's bytes.
 */
export class TicketPrinter implements DeviceAdapter<PrinterStatus, TicketPrinterCapabilities, TicketPrinterEvents> {
  readonly id = 'ticket-printer' as const;
  readonly kind = 'TicketPrinter' as const;

  private readonly events = new TypedEmitter<TicketPrinterEvents>();
  private readonly log: DeviceLog;
  private readonly clock: () => Date;
  private port: SerialPort | undefined;
  private current: PrinterStatus;
  private queue: Promise<unknown> = Promise.resolve();
  private rx: number[] = [];
  private waiter: ReplyWaiter | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private reopenTimer: NodeJS.Timeout | undefined;
  private reopenDelay: number;
  private closed = true;

  constructor(private readonly options: TicketPrinterOptions) {
    this.log = options.log ?? silentDeviceLog;
    this.clock = options.clock ?? (() => new Date());
    this.reopenDelay = options.reopenInitialMs ?? 250;
    this.current = { device: 'noDevice', paper: 'unknown', since: this.clock().toISOString() };
  }

  async open(): Promise<void> {
    if (!this.closed) return;
    this.closed = false;
    await this.tryOpen();
    this.schedulePoll();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.pollTimer);
    clearTimeout(this.reopenTimer);
    this.failWaiter(new TicketPrinterError('closed', 'ticket printer adapter closed'));
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.events.removeAll();
  }

  status(): PrinterStatus {
    return { ...this.current };
  }

  capabilities(): TicketPrinterCapabilities {
    return { cutter: true, qr: true, widthDots: this.options.widthDots ?? 576 };
  }

  on<K extends keyof TicketPrinterEvents & string>(event: K, listener: (payload: TicketPrinterEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Ask the printer now (DLE EOT 1–4) and return the fresh status. */
  refreshStatus(): Promise<PrinterStatus> {
    return this.exclusive(async () => {
      await this.readConditions().catch(() => undefined);
      return this.status();
    });
  }

  /**
   * Print a slip or queue ticket. Refuses with a typed error, before sending a byte, when the
   * printer is absent, silent, out of paper, open or in error; checks again afterwards, so a
   * ticket cut short by the paper running out is reported (`afterPrint`).
   */
  printTicket(doc: TicketDocument): Promise<PrintTicketResult> {
    let bytes: Uint8Array;
    try {
      bytes = encodeTicket(doc, this.options.encode);
    } catch (err) {
      return Promise.reject(new TicketPrinterError('invalidTicket', (err as Error).message));
    }
    const missing = unprintableCharacters(doc);
    if (missing.length > 0) this.log.warn({ count: missing.length }, 'ticket has characters the printer font lacks');
    return this.exclusive(async () => {
      const before = await this.readConditions();
      const refusal = refusalFor(before);
      if (refusal) throw new TicketPrinterError(refusal, `ticket refused: ${refusal}`);
      await this.write(bytes);
      const after = await this.readConditions().catch((err: unknown) => {
        throw err instanceof TicketPrinterError ? new TicketPrinterError(err.reason, err.message, true) : err;
      });
      const late = refusalFor(after);
      if (late) throw new TicketPrinterError(late, `printer reported ${late} after the ticket`, true);
      this.log.info({ bytes: bytes.length }, 'ticket printed');
      return { bytes: bytes.length, status: this.status() };
    });
  }

  // ---- port lifecycle -------------------------------------------------------------------------

  private async tryOpen(): Promise<void> {
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate ?? 9600, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      this.log.debug({ err: (err as Error).message }, 'ticket printer port not available');
      this.setStatus({ device: 'noDevice', paper: 'unknown', detail: 'serial port not available' });
      this.scheduleReopen();
      return;
    }
    if (this.closed) {
      port.close();
      return;
    }
    this.port = port;
    this.rx = [];
    this.reopenDelay = this.options.reopenInitialMs ?? 250;
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    port.on('close', () => this.onLost(port, 'port closed'));
    port.on('error', (err: Error) => this.onLost(port, err.message));
    this.log.info({}, 'ticket printer port open');
    await this.refreshStatus();
  }

  private onLost(port: SerialPort, why: string): void {
    if (this.port !== port) return;
    this.port = undefined;
    if (port.isOpen) port.close(() => undefined);
    this.log.warn({ why }, 'ticket printer port lost');
    this.failWaiter(new TicketPrinterError('noDevice', 'ticket printer disconnected'));
    this.setStatus({ device: 'noDevice', paper: 'unknown', detail: 'serial port lost' });
    this.scheduleReopen();
  }

  private scheduleReopen(): void {
    if (this.closed || this.reopenTimer) return;
    const delay = this.reopenDelay;
    this.reopenDelay = Math.min(delay * 2, this.options.reopenMaxMs ?? 5000);
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = undefined;
      if (!this.closed && !this.port) void this.tryOpen();
    }, delay);
  }

  private schedulePoll(): void {
    if (this.closed) return;
    this.pollTimer = setTimeout(() => {
      void (this.port ? this.refreshStatus() : Promise.resolve()).finally(() => this.schedulePoll());
    }, this.options.pollIntervalMs ?? 3000);
  }

  // ---- bytes ----------------------------------------------------------------------------------

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private onData(chunk: Buffer): void {
    for (const b of chunk) this.rx.push(b);
    const waiter = this.waiter;
    const byte = this.rx.shift();
    if (waiter && byte !== undefined) {
      this.waiter = undefined;
      waiter.resolve(byte);
    } else if (byte !== undefined) {
      this.rx.unshift(byte);
    }
  }

  private failWaiter(err: Error): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(err);
  }

  /** DLE EOT 1–4 in turn; any silence fails the whole read and marks the printer silent. */
  private async readConditions(): Promise<PrinterConditions> {
    const conditions: PrinterConditions = {};
    try {
      for (const n of STATUS_QUERIES) Object.assign(conditions, await this.query(n));
    } catch (err) {
      if (err instanceof TicketPrinterError && err.reason === 'timeout') {
        this.setStatus({ device: 'offline', paper: 'unknown', detail: 'no reply to DLE EOT (printer silent)' });
      }
      throw err;
    }
    const { since: _since, ...fresh } = toPrinterStatus(conditions, '');
    this.setStatus(fresh);
    return conditions;
  }

  private async query(n: 1 | 2 | 3 | 4): Promise<PrinterConditions> {
    const port = this.requirePort();
    this.rx = []; // a late reply to an earlier, timed-out query must not answer this one
    await this.writeRaw(port, Uint8Array.from(realtimeStatusRequest(n)));
    const deadline = Date.now() + (this.options.replyTimeoutMs ?? 1000);
    for (;;) {
      const byte = await this.nextByte(deadline - Date.now());
      const decoded = decodeStatusReply(n, byte);
      if (decoded) return decoded;
      this.log.debug({ n, byte }, 'ignored a byte that is not a DLE EOT reply');
    }
  }

  private nextByte(timeoutMs: number): Promise<number> {
    const ready = this.rx.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.waiter?.resolve === onByte) this.waiter = undefined;
        reject(new TicketPrinterError('timeout', 'ticket printer did not answer DLE EOT'));
      }, Math.max(0, timeoutMs));
      const onByte = (b: number) => {
        clearTimeout(timer);
        resolve(b);
      };
      this.waiter = {
        resolve: onByte,
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
    });
  }

  private async write(bytes: Uint8Array): Promise<void> {
    await this.writeRaw(this.requirePort(), bytes);
  }

  /**
   * Writes and waits for the bytes to drain. A port that goes away meanwhile fails the write at
   * once: a drain on a pty or USB port whose other end vanished may never call back, and every
   * later status query waits behind this write (exclusive), so the reopened port would look dead
   * until the write timeout.
   */
  private writeRaw(port: SerialPort, bytes: Uint8Array): Promise<void> {
    const timeoutMs = this.options.writeTimeoutMs ?? 10_000;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const done = (err: Error | null | undefined) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        port.off('close', onClose);
        if (err) reject(new TicketPrinterError('noDevice', `serial write failed: ${err.message}`));
        else resolve();
      };
      const onClose = () => done(new Error('the port closed'));
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        port.off('close', onClose);
        reject(new TicketPrinterError('timeout', 'ticket bytes did not drain'));
      }, timeoutMs);
      port.once('close', onClose);
      port.write(Buffer.from(bytes), (err) => (err ? done(err) : port.drain(done)));
    });
  }

  private requirePort(): SerialPort {
    if (!this.port?.isOpen) throw new TicketPrinterError('noDevice', 'ticket printer is not connected');
    return this.port;
  }

  private setStatus(next: Omit<PrinterStatus, 'since'>): void {
    const prev = this.current;
    const same =
      prev.device === next.device && prev.paper === next.paper && prev.coverOpen === next.coverOpen && prev.detail === next.detail;
    if (same) return;
    this.current = { ...next, since: this.clock().toISOString() };
    this.log.info({ device: next.device, paper: next.paper, detail: next.detail }, 'ticket printer status');
    this.events.emit('statusChanged', this.status());
    if (next.paper === 'low' && prev.paper !== 'low') this.events.emit('paperLow', {});
    if (next.paper === 'out' && prev.paper !== 'out') this.events.emit('paperOut', {});
  }
}
