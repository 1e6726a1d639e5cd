// Public surface of the ID card reader: what main/app.ts and the session service use.
export {
  DEFAULT_ID_CARD_TIMINGS,
  IdCardReader,
  type IdCardCapabilities,
  type IdCardEvents,
  type IdCardReaderOptions,
  type IdCardStatus,
  type IdCardTimings,
} from './adapter';
export { IdCardError, type IdCardFault } from './id-card-error';
export { IdCardSimulator, type IdCardSimulatorFault, type IdCardSimulatorOptions } from './simulator';
export { createMemorySerialPair } from './memory-link';
export { openSerialPortLink, type OpenSerialLink, type SerialLink, type SerialLinkHandlers } from './serial-link';
export { LONG_TERM, placeholderWlt, type IdCardData, type IdCardIdentity, type IdCardText } from './protocol';
