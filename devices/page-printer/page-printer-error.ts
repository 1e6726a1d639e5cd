import { DeviceError, type CompletionCode } from '../shared/status';
import type { JobState } from './ipp-status';

/** Why a print was refused, stopped or failed; the services map these onto the contract's error codes. */
export type PagePrinterErrorReason =
  | 'unreachable'
  | 'paperOut'
  | 'paperJam'
  | 'coverOpen'
  | 'tonerOut'
  | 'offline'
  | 'printerError'
  | 'jobCanceled'
  | 'jobAborted'
  | 'timeout'
  | 'invalidDocument';

const completionFor: Record<PagePrinterErrorReason, CompletionCode> = {
  unreachable: 'deviceNotReady',
  paperOut: 'deviceNotReady',
  paperJam: 'hardwareError',
  coverOpen: 'deviceNotReady',
  tonerOut: 'deviceNotReady',
  offline: 'deviceNotReady',
  printerError: 'hardwareError',
  jobCanceled: 'canceled',
  jobAborted: 'hardwareError',
  timeout: 'timeOut',
  invalidDocument: 'invalidData',
};

export type PagePrinterErrorDetails = {
  /** The printer's job, when one was created. */
  jobId?: number;
  /** Its last known state: `held`/`stopped` (and `pending`/`processing` on a timeout) mean it is still there. */
  jobState?: JobState;
  /**
   * True when the job still exists on the printer and will resume by itself once the cause is
   * fixed (paper refilled, jam cleared): follow it again with `waitJob(jobId)`, never resubmit it.
   * False when no job exists (refused before submission) or it has ended (canceled/aborted).
   */
  jobKept?: boolean;
  /** Raw printer-state-reasons / job-state-reasons keywords, for technicians. */
  printerReasons?: string[];
};

export class PagePrinterError extends DeviceError {
  readonly jobId: number | undefined;
  readonly jobState: JobState | undefined;
  readonly jobKept: boolean;
  readonly printerReasons: string[];

  constructor(
    readonly reason: PagePrinterErrorReason,
    message: string,
    details: PagePrinterErrorDetails = {},
  ) {
    super(completionFor[reason], message, 'page-printer');
    this.name = 'PagePrinterError';
    this.jobId = details.jobId;
    this.jobState = details.jobState;
    this.jobKept = details.jobKept ?? false;
    this.printerReasons = details.printerReasons ?? [];
  }
}
