import { DeviceError, type CompletionCode } from '../shared/status';

/** Why a social-security card operation failed; `code` is what services switch on. */
export type SsCardFault =
  | 'notSsCard' // SELECT SSSE answered 6A82: e.g. a bank card
  | 'pinRequired' // EF06 answered 6982: the region protects it with a PIN
  | 'pinWrong' // VERIFY answered 63Cx; triesLeft = x
  | 'pinBlocked' // 6983, or 63C0
  | 'noCard' // the slot is empty or the card went mute
  | 'cardStatus' // any other status word
  | 'cardData' // a record that does not decode
  | 'framing' // a malformed HID report or message
  | 'timeout' // the reader did not answer in time
  | 'transport'; // the HID device failed or went away

const CODES: Record<SsCardFault, CompletionCode> = {
  notSsCard: 'userError',
  pinRequired: 'userError',
  pinWrong: 'userError',
  pinBlocked: 'userError',
  noCard: 'userError',
  cardStatus: 'invalidData',
  cardData: 'invalidData',
  framing: 'hardwareError',
  timeout: 'timeOut',
  transport: 'deviceNotReady',
};

export class SsCardError extends DeviceError {
  constructor(
    readonly reason: SsCardFault,
    message: string,
    readonly details: { sw?: number; triesLeft?: number } = {},
  ) {
    super(CODES[reason], message, 'ss-card');
    this.name = 'SsCardError';
  }
}
