// Public surface of the A4 page printer: the kiosk's services and main/app.ts import only this.
export { PagePrinter } from './adapter';
export type {
  JobStateChanged,
  PagePrinterCapabilities,
  PagePrinterEvents,
  PagePrinterOptions,
  PrintPdfOptions,
  PrintPdfResult,
  WaitJobResult,
} from './adapter';
export { PagePrinterError } from './page-printer-error';
export type { PagePrinterErrorDetails, PagePrinterErrorReason } from './page-printer-error';
export { canPrintPage, isTerminal, printerStatusFrom, stopCause } from './ipp-status';
export type { JobProgress, JobState, StopCause } from './ipp-status';
export { IppeveprinterError, findIppeveprinter, startIppeveprinter } from './ippeveprinter-process';
export type { IppeveprinterOptions, IppeveprinterProcess, PaperLevel, TonerLevel } from './ippeveprinter-process';
