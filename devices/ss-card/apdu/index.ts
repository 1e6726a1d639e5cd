export { decodeApdu, encodeApdu, encodeResponse, parseResponse, swHex, toHex, type CommandApdu, type ResponseApdu } from './apdu';
export { bcdToDigits, digitsToBcd } from './bcd';
export type { CardReaderTransport, CardTransport, SlotState } from './card-transport';
export { readBasic, readBasicRecords, transmitApdu, verify, type ReadBasicOptions } from './read-basic';
export { EF05_RECORDS, EF06_RECORDS, decodeRecord, encodeRecords, type RecordError, type RecordSpec } from './records';
export { EF05, EF06, SSSE_AID, getResponse, pinToBcd, readRecord, selectByName, selectEf, verifyPin, withLe } from './ssse';
export { encodeTlvRecord, parseTlvRecord, type TlvError, type TlvRecord } from './tlv';
export type { SsCardData, SsCardIdentity } from './types';
