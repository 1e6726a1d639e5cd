import type { PrinterStatus } from '../shared/status';

/** Whether the last known status lets a ticket be offered to the resident (paper low still prints). */
export const canPrintTicket = (s: PrinterStatus): boolean =>
  s.device === 'online' && s.paper !== 'out' && s.paper !== 'jammed' && s.coverOpen !== true;
