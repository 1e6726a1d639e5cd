import { SerialPort } from 'serialport';
import { TypedEmitter } from '../shared/emitter';
import type { Supply, Unsubscribe } from '../shared/status';
import { tokenize, type EscPosToken } from './protocol/escpos-tokenizer';
import { encodeStatusReply, type PrinterConditions, type StatusQuery } from './protocol/realtime-status';
import { decodeTicket, type DecodedTicket } from './protocol/ticket-decoder';

export type SimulatedPrinterState = {
  paper: Extract<Supply, 'full' | 'low' | 'out'>;
  coverOpen: boolean;
  cutterError: boolean;
  /** Offline for another reason (e.g. the operator pressed the offline button). */
  offline: boolean;
  /** Fault: the printer answers nothing at all (powered off behind a live USB-serial adapter). */
  silent: boolean;
};

export type PrintedJob = {
  /** Raw bytes of the job, status requests removed. */
  bytes: Uint8Array;
  ticket: DecodedTicket;
  /** Whether the simulated printer could print it (paper, cover and cutter were fine). */
  printed: boolean;
  at: Date;
};

export type TicketPrinterSimulatorOptions = {
  /** The device end of the pty pair. */
  path: string;
  baudRate?: number;
  /** How often to try the device end again after it vanished (default 100 ms). */
  reattachMs?: number;
  clock?: () => Date;
};

type SimulatorEvents = { job: PrintedJob; attached: Record<string, never>; detached: Record<string, never> };

/**
 * The printer's side of the wire: answers DLE EOT from its simulated state, and collects every
 * job (ESC @ … cut) it receives so tests and the demo can read the tickets back.
 */
export class TicketPrinterSimulator {
  readonly jobs: PrintedJob[] = [];
  private state: SimulatedPrinterState = { paper: 'full', coverOpen: false, cutterError: false, offline: false, silent: false };
  private readonly events = new TypedEmitter<SimulatorEvents>();
  private port: SerialPort | undefined;
  private pending = new Uint8Array(0);
  private job: number[] = [];
  private jobHasContent = false;
  private stopped = true;
  private reattachTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: TicketPrinterSimulatorOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.attach();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reattachTimer);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  get isAttached(): boolean {
    return this.port?.isOpen ?? false;
  }

  getState(): SimulatedPrinterState {
    return { ...this.state };
  }

  set(patch: Partial<SimulatedPrinterState>): void {
    this.state = { ...this.state, ...patch };
  }

  setPaper(paper: SimulatedPrinterState['paper']): void {
    this.set({ paper });
  }

  on<K extends keyof SimulatorEvents & string>(event: K, listener: (p: SimulatorEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Resolve once `count` jobs have arrived in total, or reject after `timeoutMs`. */
  waitForJobs(count: number, timeoutMs: number): Promise<PrintedJob[]> {
    if (this.jobs.length >= count) return Promise.resolve(this.jobs.slice());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`simulator saw ${this.jobs.length} of ${count} jobs within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on('job', () => {
        if (this.jobs.length < count) return;
        clearTimeout(timer);
        off();
        resolve(this.jobs.slice());
      });
    });
  }

  /** The conditions the DLE EOT replies report for the current state. */
  conditions(): PrinterConditions {
    const s = this.state;
    const paperEnd = s.paper === 'out';
    const stopped = paperEnd || s.coverOpen || s.cutterError;
    return {
      offline: s.offline || stopped,
      waitingForRecovery: false,
      coverOpen: s.coverOpen,
      stoppedByPaperEnd: paperEnd,
      errorOccurred: s.cutterError,
      cutterError: s.cutterError,
      paperNearEnd: s.paper !== 'full',
      paperEnd,
    };
  }

  private async attach(): Promise<void> {
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate ?? 9600, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    } catch {
      this.scheduleReattach();
      return;
    }
    if (this.stopped) {
      port.close();
      return;
    }
    this.port = port;
    this.pending = new Uint8Array(0);
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    const lost = () => {
      if (this.port !== port) return;
      this.port = undefined;
      this.events.emit('detached', {});
      this.scheduleReattach();
    };
    port.on('close', lost);
    port.on('error', lost);
    this.events.emit('attached', {});
  }

  private scheduleReattach(): void {
    if (this.stopped || this.reattachTimer) return;
    this.reattachTimer = setTimeout(() => {
      this.reattachTimer = undefined;
      if (!this.stopped && !this.port) void this.attach();
    }, this.options.reattachMs ?? 100);
  }

  private onData(chunk: Buffer): void {
    if (this.state.silent) return; // a dead printer neither answers nor prints
    const buf = new Uint8Array(this.pending.length + chunk.length);
    buf.set(this.pending);
    buf.set(chunk, this.pending.length);
    const { tokens, lengths, consumed } = tokenize(buf);
    let at = 0;
    tokens.forEach((token, k) => {
      const len = lengths[k] ?? 0;
      this.onToken(token, buf.subarray(at, at + len));
      at += len;
    });
    this.pending = buf.slice(consumed);
  }

  private onToken(token: EscPosToken, raw: Uint8Array): void {
    if (token.type === 'realtimeStatus') {
      if (token.n >= 1 && token.n <= 4) this.reply(encodeStatusReply(token.n as StatusQuery, this.conditions()));
      return;
    }
    if (token.type === 'init' && this.jobHasContent) this.finishJob();
    for (const b of raw) this.job.push(b);
    if (token.type === 'text' || token.type === 'function') this.jobHasContent = true;
    if (token.type === 'cut') this.finishJob();
  }

  private finishJob(): void {
    const bytes = Uint8Array.from(this.job);
    this.job = [];
    this.jobHasContent = false;
    const s = this.state;
    const job: PrintedJob = {
      bytes,
      ticket: decodeTicket(bytes),
      printed: s.paper !== 'out' && !s.coverOpen && !s.cutterError && !s.offline,
      at: (this.options.clock ?? (() => new Date()))(),
    };
    this.jobs.push(job);
    this.events.emit('job', job);
  }

  private reply(byte: number): void {
    this.port?.write(Buffer.from([byte]));
  }
}
