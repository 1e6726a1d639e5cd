// DLE EOT n real-time status (DEVICES.md §3.2): one request byte triple, one reply byte.
import type { PrinterStatus, Supply } from '../../shared/status';

export type StatusQuery = 1 | 2 | 3 | 4;
export const STATUS_QUERIES: readonly StatusQuery[] = [1, 2, 3, 4];

/** Every valid reply matches 0xx1xx10b: bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0. */
export const isValidStatusReply = (byte: number): boolean => (byte & 0x93) === 0x12;

/** What the printer told us; a field is undefined when its query was not asked or not answered. */
export type PrinterConditions = {
  // n = 1
  drawerPinHigh?: boolean;
  offline?: boolean;
  waitingForRecovery?: boolean;
  feedButtonPressed?: boolean;
  // n = 2
  coverOpen?: boolean;
  feedingByButton?: boolean;
  stoppedByPaperEnd?: boolean;
  errorOccurred?: boolean;
  // n = 3
  recoverableError?: boolean;
  cutterError?: boolean;
  unrecoverableError?: boolean;
  autoRecoverableError?: boolean;
  // n = 4
  paperNearEnd?: boolean;
  paperEnd?: boolean;
};

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

/** Decode one reply. Returns undefined for a byte that breaks the fixed pattern (line noise, a stale byte). */
export function decodeStatusReply(query: number, byte: number): PrinterConditions | undefined {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || !isValidStatusReply(byte)) return undefined;
  switch (query) {
    case 1:
      return { drawerPinHigh: bit(byte, 2), offline: bit(byte, 3), waitingForRecovery: bit(byte, 5), feedButtonPressed: bit(byte, 6) };
    case 2:
      return { coverOpen: bit(byte, 2), feedingByButton: bit(byte, 3), stoppedByPaperEnd: bit(byte, 5), errorOccurred: bit(byte, 6) };
    case 3:
      return { recoverableError: bit(byte, 2), cutterError: bit(byte, 3), unrecoverableError: bit(byte, 5), autoRecoverableError: bit(byte, 6) };
    case 4:
      // The sensors report in pairs (0x0C near end, 0x60 end); one bit of a pair counts, as vendors differ.
      return { paperNearEnd: bit(byte, 2) || bit(byte, 3), paperEnd: bit(byte, 5) || bit(byte, 6) };
    default:
      return undefined;
  }
}

/** The reply a printer in the given conditions sends (the simulator's side of the wire). */
export function encodeStatusReply(query: StatusQuery, c: PrinterConditions): number {
  const set = (flag: boolean | undefined, mask: number) => (flag ? mask : 0);
  switch (query) {
    case 1:
      return 0x12 | set(c.drawerPinHigh, 0x04) | set(c.offline, 0x08) | set(c.waitingForRecovery, 0x20) | set(c.feedButtonPressed, 0x40);
    case 2:
      return 0x12 | set(c.coverOpen, 0x04) | set(c.feedingByButton, 0x08) | set(c.stoppedByPaperEnd, 0x20) | set(c.errorOccurred, 0x40);
    case 3:
      return 0x12 | set(c.recoverableError, 0x04) | set(c.cutterError, 0x08) | set(c.unrecoverableError, 0x20) | set(c.autoRecoverableError, 0x40);
    case 4:
      return 0x12 | set(c.paperNearEnd, 0x0c) | set(c.paperEnd, 0x60);
  }
}

/** Why a ticket cannot be printed now, most specific first; undefined when it can. */
export type TicketRefusal = 'paperOut' | 'coverOpen' | 'cutterError' | 'hardwareError' | 'offline';

export function refusalFor(c: PrinterConditions): TicketRefusal | undefined {
  if (c.paperEnd || c.stoppedByPaperEnd) return 'paperOut';
  if (c.coverOpen) return 'coverOpen';
  if (c.cutterError) return 'cutterError';
  if (c.unrecoverableError || c.errorOccurred || c.recoverableError) return 'hardwareError';
  if (c.offline) return 'offline';
  return undefined;
}

/** Map the printer's conditions onto the shared status model. */
export function toPrinterStatus(c: PrinterConditions, since: string): PrinterStatus {
  const paper: Supply = c.paperEnd || c.stoppedByPaperEnd ? 'out' : c.paperNearEnd ? 'low' : c.paperNearEnd === undefined ? 'unknown' : 'full';
  const refusal = refusalFor(c);
  const device =
    refusal === 'cutterError' || refusal === 'hardwareError' ? 'hardwareError' : refusal === 'offline' ? 'offline' : 'online';
  const status: PrinterStatus = { device, paper, since, coverOpen: c.coverOpen ?? false };
  const detail = describeConditions(c);
  if (detail) status.detail = detail;
  return status;
}

/** A short technical list of the raised conditions, for technicians and logs. */
export function describeConditions(c: PrinterConditions): string {
  const names: Array<keyof PrinterConditions> = [
    'offline',
    'coverOpen',
    'stoppedByPaperEnd',
    'errorOccurred',
    'recoverableError',
    'cutterError',
    'unrecoverableError',
    'autoRecoverableError',
    'paperNearEnd',
    'paperEnd',
  ];
  return names.filter((n) => c[n] === true).join(',');
}
