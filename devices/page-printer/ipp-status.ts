// Pure mapping from IPP attributes (RFC 8011, as parsed by the `ipp` package) to the kiosk's models.
import type { DeviceState, PrinterStatus, Supply } from '../shared/status';

export type IppAttributes = Record<string, unknown>;

/** Job states, with RFC 8011's pending-held / processing-stopped shortened to held / stopped. */
export type JobState = 'pending' | 'held' | 'processing' | 'stopped' | 'canceled' | 'aborted' | 'completed';

export type JobProgress = {
  jobId: number;
  state: JobState;
  /** job-state-reasons keywords. */
  reasons: string[];
  name?: string;
};

/** Why a job cannot advance right now, read from printer-state-reasons. */
export type StopCause = 'paperOut' | 'paperJam' | 'coverOpen' | 'tonerOut' | 'offline';

const jobStateByName: Record<string, JobState> = {
  pending: 'pending',
  'pending-held': 'held',
  processing: 'processing',
  'processing-stopped': 'stopped',
  canceled: 'canceled',
  aborted: 'aborted',
  completed: 'completed',
};
const jobStateByNumber: Record<number, JobState> = {
  3: 'pending',
  4: 'held',
  5: 'processing',
  6: 'stopped',
  7: 'canceled',
  8: 'aborted',
  9: 'completed',
};

export const isTerminal = (s: JobState): boolean => s === 'completed' || s === 'canceled' || s === 'aborted';

/** A multi-valued attribute as a list of strings, whatever shape the parser gave it. */
export function keywords(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

/** Reason keywords without their -report/-warning/-error suffix, and without 'none'. */
export function baseReasons(value: unknown): string[] {
  return keywords(value)
    .map((k) => k.toLowerCase().replace(/-(report|warning|error)$/, ''))
    .filter((k) => k !== 'none');
}

export function jobStateOf(value: unknown): JobState | undefined {
  if (typeof value === 'string') return jobStateByName[value];
  if (typeof value === 'number') return jobStateByNumber[value];
  return undefined;
}

export function jobProgressFrom(attrs: IppAttributes): JobProgress | undefined {
  const jobId = attrs['job-id'];
  const state = jobStateOf(attrs['job-state']);
  if (typeof jobId !== 'number' || !state) return undefined;
  const progress: JobProgress = { jobId, state, reasons: keywords(attrs['job-state-reasons']).filter((r) => r !== 'none') };
  if (typeof attrs['job-name'] === 'string') progress.name = attrs['job-name'];
  return progress;
}

/** The printer condition that stops jobs, most specific first; undefined when jobs can run. */
export function stopCause(printerReasons: unknown): StopCause | undefined {
  const r = new Set(baseReasons(printerReasons));
  if (r.has('media-jam')) return 'paperJam';
  if (r.has('media-empty') || r.has('media-needed')) return 'paperOut';
  if (r.has('cover-open') || r.has('door-open') || r.has('interlock-open')) return 'coverOpen';
  if (r.has('toner-empty') || r.has('marker-supply-empty')) return 'tonerOut';
  if (r.has('paused') || r.has('offline') || r.has('shutdown') || r.has('moving-to-paused')) return 'offline';
  return undefined;
}

export function printerStatusFrom(attrs: IppAttributes, since: string): PrinterStatus {
  const r = new Set(baseReasons(attrs['printer-state-reasons']));
  const paper: Supply = r.has('media-jam')
    ? 'jammed'
    : r.has('media-empty') || r.has('media-needed')
      ? 'out'
      : r.has('media-low')
        ? 'low'
        : 'full';
  const toner: Supply =
    r.has('toner-empty') || r.has('marker-supply-empty') ? 'out' : r.has('toner-low') || r.has('marker-supply-low') ? 'low' : 'full';
  const coverOpen = r.has('cover-open') || r.has('door-open') || r.has('interlock-open');
  const status: PrinterStatus = { device: deviceState(attrs, r), paper, toner, coverOpen, since };
  // Base keywords only: printers flip a reason's -report/-warning suffix between idle and printing,
  // which is no change worth announcing.
  const detail = [...r].join(',');
  if (detail) status.detail = detail;
  return status;
}

function deviceState(attrs: IppAttributes, r: Set<string>): DeviceState {
  if (r.has('paused') || r.has('offline') || r.has('shutdown') || r.has('moving-to-paused')) return 'offline';
  if (attrs['printer-is-accepting-jobs'] === false) return 'offline';
  const supplyOrUser = ['media-jam', 'media-empty', 'media-needed', 'cover-open', 'door-open', 'interlock-open', 'toner-empty', 'marker-supply-empty'];
  const explained = supplyOrUser.some((k) => r.has(k));
  if (attrs['printer-state'] === 'stopped' && !explained) return 'hardwareError';
  return 'online';
}

/** Whether the last known status lets an A4 document be offered to the resident. */
export const canPrintPage = (s: PrinterStatus): boolean =>
  s.device === 'online' && s.paper !== 'out' && s.paper !== 'jammed' && s.coverOpen !== true && s.toner !== 'out';
