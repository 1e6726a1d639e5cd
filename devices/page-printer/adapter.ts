import { TypedEmitter } from '../shared/emitter';
import { silentDeviceLog, type DeviceAdapter, type DeviceLog, type PrinterStatus, type Unsubscribe } from '../shared/status';
import { IppClient, isSuccess } from './ipp-client';
import {
  isTerminal,
  jobProgressFrom,
  keywords,
  printerStatusFrom,
  stopCause,
  type IppAttributes,
  type JobProgress,
  type JobState,
  type StopCause,
} from './ipp-status';
import { PagePrinterError } from './page-printer-error';

export type PagePrinterOptions = {
  /** e.g. ipp://192.168.1.20:631/ipp/print */
  uri: string;
  log?: DeviceLog;
  clock?: () => Date;
  /** Idle Get-Printer-Attributes period (default 10 000 ms). */
  pollIntervalMs?: number;
  /** Per IPP request (default 5000 ms). */
  requestTimeoutMs?: number;
  /** How often `waitJob` asks for the job's state (default 1000 ms). */
  jobPollIntervalMs?: number;
  /** Consecutive failed requests while following a job before `waitJob` reports unreachable (default 3). */
  unreachableAfter?: number;
  /** requesting-user-name (default "kiosk"); never a resident's name. */
  userName?: string;
  /** Media keyword (default iso_a4_210x297mm). */
  media?: string;
};

export type PagePrinterCapabilities = { duplex: boolean; media: string[]; formats: string[] };

export type JobStateChanged = { jobId: number; state: JobState; reasons: string[] };

export type PagePrinterEvents = {
  statusChanged: PrinterStatus;
  jobStateChanged: JobStateChanged;
};

export type PrintPdfOptions = {
  /** Shown in the printer's queue; make it unique per document so an uncertain submission can be found again. */
  jobName?: string;
  copies?: number;
  /**
   * 'refuse' (default): when the printer reports paper out, jam, open cover, toner out or offline,
   * throw before submitting, so no job exists. 'submit': send anyway; the printer keeps the job
   * and prints it once fixed (waitJob reports it held/stopped meanwhile).
   */
  whenNotReady?: 'refuse' | 'submit';
};

export type PrintPdfResult = { jobId: number };
export type WaitJobResult = { jobId: number; state: 'completed' };

const PRINTER_ATTRIBUTES = [
  'printer-state',
  'printer-state-reasons',
  'printer-state-message',
  'printer-is-accepting-jobs',
  'media-supported',
  'sides-supported',
  'document-format-supported',
];
const JOB_ATTRIBUTES = ['job-id', 'job-state', 'job-state-reasons', 'job-name'];

const causeMessage: Record<StopCause, string> = {
  paperOut: 'the printer is out of paper',
  paperJam: 'paper is jammed in the printer',
  coverOpen: 'a printer cover or door is open',
  tonerOut: 'the printer is out of toner',
  offline: 'the printer is paused or offline',
};

/** The A4 document printer over IPP (Get-Printer-Attributes, Print-Job, Get-Job-Attributes, Cancel-Job). */
export class PagePrinter implements DeviceAdapter<PrinterStatus, PagePrinterCapabilities, PagePrinterEvents> {
  readonly id = 'page-printer' as const;
  readonly kind = 'DocumentPrinter' as const;

  private readonly client: IppClient;
  private readonly events = new TypedEmitter<PagePrinterEvents>();
  private readonly log: DeviceLog;
  private readonly clock: () => Date;
  private current: PrinterStatus;
  private caps: PagePrinterCapabilities = { duplex: false, media: [], formats: [] };
  private pollTimer: NodeJS.Timeout | undefined;
  private closed = true;
  private readonly jobStates = new Map<number, string>();

  constructor(private readonly options: PagePrinterOptions) {
    this.client = new IppClient({ uri: options.uri, timeoutMs: options.requestTimeoutMs ?? 5000 });
    this.log = options.log ?? silentDeviceLog;
    this.clock = options.clock ?? (() => new Date());
    this.current = { device: 'noDevice', paper: 'unknown', since: this.clock().toISOString() };
  }

  get uri(): string {
    return this.client.uri;
  }

  /** Reads the printer once (never throws when it is unreachable: status says so) and starts the poller. */
  async open(): Promise<void> {
    if (!this.closed) return;
    this.closed = false;
    await this.refreshStatus();
    this.schedulePoll();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.pollTimer);
    this.events.removeAll();
  }

  status(): PrinterStatus {
    return { ...this.current };
  }

  capabilities(): PagePrinterCapabilities {
    return { ...this.caps, media: [...this.caps.media], formats: [...this.caps.formats] };
  }

  on<K extends keyof PagePrinterEvents & string>(event: K, listener: (payload: PagePrinterEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Ask the printer now; an unreachable printer yields status `offline` (detail `unreachable`), not an exception. */
  async refreshStatus(): Promise<PrinterStatus> {
    await this.fetchPrinter().catch(() => undefined);
    return this.status();
  }

  async printPdf(pdf: Uint8Array, options: PrintPdfOptions = {}): Promise<PrintPdfResult> {
    if (pdf.length < 5 || Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
      throw new PagePrinterError('invalidDocument', 'not a PDF document');
    }
    const copies = options.copies ?? 1;
    if (!Number.isInteger(copies) || copies < 1 || copies > 99) {
      throw new PagePrinterError('invalidDocument', `copies must be 1–99, got ${copies}`);
    }
    const printer = await this.fetchPrinter();
    const cause = stopCause(printer['printer-state-reasons']);
    if (cause && (options.whenNotReady ?? 'refuse') === 'refuse') {
      throw new PagePrinterError(cause, `print refused: ${causeMessage[cause]}`, {
        jobKept: false,
        printerReasons: keywords(printer['printer-state-reasons']),
      });
    }
    if (printer['printer-is-accepting-jobs'] === false) {
      throw new PagePrinterError('offline', 'print refused: the printer is not accepting jobs');
    }
    const res = await this.client.request(
      'Print-Job',
      {
        'requesting-user-name': this.options.userName ?? 'kiosk',
        'job-name': options.jobName ?? 'kiosk-document',
        'document-format': 'application/pdf',
      },
      { copies, media: this.options.media ?? 'iso_a4_210x297mm' },
      pdf,
    );
    const job = res.jobs[0] ? jobProgressFrom(res.jobs[0]) : undefined;
    if (!isSuccess(res.statusCode) || !job) {
      throw new PagePrinterError('printerError', `Print-Job failed: ${res.statusCode}`, {
        printerReasons: keywords(res.operation['status-message']),
      });
    }
    this.log.info({ jobId: job.jobId, bytes: pdf.length }, 'A4 job submitted');
    this.noteJob(job);
    return { jobId: job.jobId };
  }

  /** One look at a job. */
  async jobState(jobId: number): Promise<JobProgress> {
    const res = await this.client.request('Get-Job-Attributes', {
      'job-id': jobId,
      'requesting-user-name': this.options.userName ?? 'kiosk',
      'requested-attributes': JOB_ATTRIBUTES,
    });
    const job = res.jobs[0] ? jobProgressFrom(res.jobs[0]) : undefined;
    if (!isSuccess(res.statusCode) || !job) {
      throw new PagePrinterError('printerError', `Get-Job-Attributes ${jobId} failed: ${res.statusCode}`, { jobId });
    }
    this.noteJob(job);
    return job;
  }

  /** The printer's jobs ('all' includes finished ones the printer still remembers). */
  async jobs(which: 'all' | 'not-completed' | 'completed' = 'not-completed'): Promise<JobProgress[]> {
    const res = await this.client.request('Get-Jobs', {
      'requesting-user-name': this.options.userName ?? 'kiosk',
      'which-jobs': which,
      'requested-attributes': JOB_ATTRIBUTES,
    });
    if (!isSuccess(res.statusCode)) throw new PagePrinterError('printerError', `Get-Jobs failed: ${res.statusCode}`);
    return res.jobs.map(jobProgressFrom).filter((j): j is JobProgress => j !== undefined);
  }

  async cancelJob(jobId: number): Promise<void> {
    const res = await this.client.request('Cancel-Job', {
      'job-id': jobId,
      'requesting-user-name': this.options.userName ?? 'kiosk',
    });
    if (!isSuccess(res.statusCode)) {
      throw new PagePrinterError('printerError', `Cancel-Job ${jobId} failed: ${res.statusCode}`, { jobId });
    }
    this.log.info({ jobId }, 'A4 job canceled');
  }

  /**
   * Follow a job until it completes. Throws a PagePrinterError when it cannot: the job is held
   * or stopped by a printer condition (`jobKept: true` — call waitJob again after the fix, do
   * not resubmit), it was canceled or aborted, the printer stopped answering, or time ran out.
   */
  async waitJob(jobId: number, timeoutMs: number): Promise<WaitJobResult> {
    const deadline = Date.now() + timeoutMs;
    const interval = this.options.jobPollIntervalMs ?? 1000;
    const maxFailures = this.options.unreachableAfter ?? 3;
    let failures = 0;
    let last: JobProgress | undefined;
    for (;;) {
      try {
        const job = await this.jobState(jobId);
        last = job;
        failures = 0;
        if (job.state === 'completed') return { jobId, state: 'completed' };
        if (job.state === 'canceled') throw this.ended('jobCanceled', job);
        if (job.state === 'aborted') throw this.ended('jobAborted', job);
        const printer = await this.fetchPrinter();
        const cause = stopCause(printer['printer-state-reasons']);
        if (cause || job.state === 'held' || job.state === 'stopped') {
          throw this.kept(job, cause, keywords(printer['printer-state-reasons']));
        }
      } catch (err) {
        if (!(err instanceof PagePrinterError) || err.reason !== 'unreachable') throw err;
        failures++;
        if (failures >= maxFailures) {
          throw new PagePrinterError('unreachable', `lost the printer while following job ${jobId}`, {
            jobId,
            ...(last ? { jobState: last.state } : {}),
            jobKept: last ? !isTerminal(last.state) : true,
          });
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new PagePrinterError('timeout', `job ${jobId} did not finish within ${timeoutMs} ms`, {
          jobId,
          ...(last ? { jobState: last.state } : {}),
          jobKept: true,
        });
      }
      await new Promise((r) => setTimeout(r, Math.min(interval, left)));
    }
  }

  // ---- internals ------------------------------------------------------------------------------

  private ended(reason: 'jobCanceled' | 'jobAborted', job: JobProgress): PagePrinterError {
    return new PagePrinterError(reason, `job ${job.jobId} ${job.state}`, {
      jobId: job.jobId,
      jobState: job.state,
      jobKept: false,
      printerReasons: job.reasons,
    });
  }

  private kept(job: JobProgress, cause: StopCause | undefined, printerReasons: string[]): PagePrinterError {
    // A job the printer cannot advance is reported held (not started) or stopped (started).
    const jobState: JobState = job.state === 'pending' || job.state === 'held' ? 'held' : 'stopped';
    return new PagePrinterError(cause ?? 'printerError', `job ${job.jobId} ${jobState}: ${cause ? causeMessage[cause] : job.reasons.join(',')}`, {
      jobId: job.jobId,
      jobState,
      jobKept: true,
      printerReasons: [...printerReasons, ...job.reasons],
    });
  }

  private async fetchPrinter(): Promise<IppAttributes> {
    try {
      const res = await this.client.request('Get-Printer-Attributes', {
        'requesting-user-name': this.options.userName ?? 'kiosk',
        'requested-attributes': PRINTER_ATTRIBUTES,
      });
      if (!isSuccess(res.statusCode)) throw new PagePrinterError('printerError', `Get-Printer-Attributes failed: ${res.statusCode}`);
      this.caps = {
        duplex: keywords(res.printer['sides-supported']).some((s) => s.startsWith('two-sided')),
        media: keywords(res.printer['media-supported']),
        formats: keywords(res.printer['document-format-supported']),
      };
      const { since: _since, ...fresh } = printerStatusFrom(res.printer, '');
      this.setStatus(fresh);
      return res.printer;
    } catch (err) {
      if (err instanceof PagePrinterError && err.reason === 'unreachable') {
        this.setStatus({ device: 'offline', paper: 'unknown', toner: 'unknown', detail: 'unreachable' });
      } else if (err instanceof PagePrinterError) {
        this.setStatus({ device: 'hardwareError', paper: 'unknown', toner: 'unknown', detail: err.message });
      }
      throw err;
    }
  }

  private noteJob(job: JobProgress): void {
    const key = `${job.state}|${job.reasons.join(',')}`;
    if (this.jobStates.get(job.jobId) === key) return;
    this.jobStates.set(job.jobId, key);
    // Bounded: the kiosk follows a handful of jobs at a time; forget the oldest.
    if (this.jobStates.size > 100) this.jobStates.delete(this.jobStates.keys().next().value as number);
    this.events.emit('jobStateChanged', { jobId: job.jobId, state: job.state, reasons: job.reasons });
  }

  private schedulePoll(): void {
    if (this.closed) return;
    this.pollTimer = setTimeout(() => {
      void this.refreshStatus().finally(() => this.schedulePoll());
    }, this.options.pollIntervalMs ?? 10_000);
  }

  private setStatus(next: Omit<PrinterStatus, 'since'>): void {
    const prev = this.current;
    const same =
      prev.device === next.device &&
      prev.paper === next.paper &&
      prev.toner === next.toner &&
      prev.coverOpen === next.coverOpen &&
      prev.detail === next.detail;
    if (same) return;
    this.current = { ...next, since: this.clock().toISOString() };
    this.log.info({ device: next.device, paper: next.paper, toner: next.toner, detail: next.detail }, 'page printer status');
    this.events.emit('statusChanged', this.status());
  }
}
