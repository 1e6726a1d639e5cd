// The closed list of error codes (STYLE.md habit 6). The UI switches on `code`, never on message
// text, and maps each code to plain words in both languages with what the resident can do next.

export const ERROR_CODES = [
  'INVALID_REQUEST',
  'FORBIDDEN',
  'NOT_FOUND',
  'NOT_AVAILABLE',
  'INTERNAL',
  'NO_SESSION',
  'CARD_READ_FAILED',
  'CARD_REMOVED',
  'CARD_EXPIRED',
  'NOT_SOCIAL_SECURITY_CARD',
  'CARD_MISMATCH',
  'READER_OFFLINE',
  'PRINTER_OUT_OF_PAPER',
  'PRINTER_OFFLINE',
  'PRINTER_ERROR',
  'PRINT_NOT_ALLOWED',
  'PLATFORM_UNREACHABLE',
  'PLATFORM_ERROR',
  'RECORD_NOT_FOUND',
  'EMAIL_INVALID',
  'PIN_WRONG',
  'PIN_LOCKED',
  'MAINTENANCE_REQUIRED',
  'SETTING_INVALID',
  'UPDATE_REJECTED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type KioskErrorBody = {
  code: ErrorCode;
  /** For logs and technicians; already free of personal data. Residents see the UI's own words. */
  message: string;
  /** Small structured facts the UI may show (attempts left, locked until, …). */
  detail?: Record<string, string | number | boolean | null>;
};

/** Thrown by services; the router turns it into `{ ok: false, error }`. */
export class KioskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: KioskErrorBody['detail'],
  ) {
    super(message);
    this.name = 'KioskError';
  }

  toBody(): KioskErrorBody {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskErrorBody };
