import { DeviceError, type CompletionCode } from '../shared/status';

/**
 * Why an exchange with the ID card reader failed. `code` (the shared CompletionCode) is what the
 * services switch on; `reason` is the finer cause for logs and technicians.
 */
export type IdCardFault =
  | 'timeout' // no complete reply in time (silent reader)
  | 'garbage' // bytes that never formed a frame
  | 'checksum' // a frame with a bad XOR checksum
  | 'unexpectedReply' // a well-formed reply that cannot answer the command sent
  | 'sam' // the SAM_V reports a fault (0x60 self-test, 0x66 not authorised)
  | 'host' // the reader rejected our frame (0x10, 0x11, 0x21, 0x23, 0x24)
  | 'card' // card could not be authenticated, selected or read (0x31…0x47, 0x81)
  | 'identity' // the card was read but its text block is invalid (e.g. check digit)
  | 'portLost'; // the serial port went away mid-command

const CODES: Record<IdCardFault, CompletionCode> = {
  timeout: 'timeOut',
  garbage: 'invalidData',
  checksum: 'invalidData',
  unexpectedReply: 'invalidData',
  sam: 'hardwareError',
  host: 'internalError',
  card: 'userError',
  identity: 'invalidData',
  portLost: 'deviceNotReady',
};

export class IdCardError extends DeviceError {
  constructor(
    readonly reason: IdCardFault,
    message: string,
    /** The SW3 code when the reader answered with one. */
    readonly sw3?: number,
  ) {
    super(CODES[reason], message, 'id-card');
    this.name = 'IdCardError';
  }
}
