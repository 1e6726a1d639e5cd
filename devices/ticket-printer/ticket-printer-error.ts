import { DeviceError, type CompletionCode } from '../shared/status';

/** Why a ticket was refused or failed; the services map these onto the contract's error codes. */
export type TicketPrinterErrorReason =
  | 'paperOut'
  | 'coverOpen'
  | 'cutterError'
  | 'hardwareError'
  | 'offline'
  | 'noDevice'
  | 'timeout'
  | 'invalidTicket'
  | 'closed';

const completionFor: Record<TicketPrinterErrorReason, CompletionCode> = {
  paperOut: 'deviceNotReady',
  coverOpen: 'deviceNotReady',
  offline: 'deviceNotReady',
  noDevice: 'deviceNotReady',
  cutterError: 'hardwareError',
  hardwareError: 'hardwareError',
  timeout: 'timeOut',
  invalidTicket: 'invalidData',
  closed: 'canceled',
};

export class TicketPrinterError extends DeviceError {
  constructor(
    readonly reason: TicketPrinterErrorReason,
    message: string,
    /** True when the ticket's bytes had already been sent (the paper may hold a partial ticket). */
    readonly afterPrint = false,
  ) {
    super(completionFor[reason], message, 'ticket-printer');
    this.name = 'TicketPrinterError';
  }
}
