// Public surface of the ticket printer: the kiosk's services and main/app.ts import only this.
export { TicketPrinter } from './adapter';
export type { PrintTicketResult, TicketPrinterCapabilities, TicketPrinterEvents, TicketPrinterOptions } from './adapter';
export { TicketPrinterError } from './ticket-printer-error';
export type { TicketPrinterErrorReason } from './ticket-printer-error';
export { TicketPrinterSimulator } from './simulator';
export type { PrintedJob, SimulatedPrinterState, TicketPrinterSimulatorOptions } from './simulator';
export type { EncodeOptions, TicketDocument, TicketLine } from './protocol/ticket-document';
export { encodeTicket, unprintableCharacters } from './protocol/ticket-encoder';
export { decodeTicket, toTicketDocument } from './protocol/ticket-decoder';
export type { DecodedLine, DecodedQr, DecodedTicket, DecodeOptions } from './protocol/ticket-decoder';
export { decodeStatusReply, encodeStatusReply, refusalFor, toPrinterStatus } from './protocol/realtime-status';
export type { PrinterConditions, StatusQuery, TicketRefusal } from './protocol/realtime-status';
export { canPrintTicket } from './can-print';
