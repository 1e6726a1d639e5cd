// The status model every adapter shares, shaped after XFS4IoT (DEVICES.md §5.3) so that a real
// XFS4IoT service could replace a native driver without the services above noticing.

export type DeviceState = 'online' | 'offline' | 'hardwareError' | 'userError' | 'busy' | 'noDevice';

export type DeviceKind = 'IdCardReader' | 'SocialSecurityCardReader' | 'TicketPrinter' | 'DocumentPrinter';

export type DeviceId = 'id-card' | 'ss-card' | 'ticket-printer' | 'page-printer';

/** Paper, toner and similar consumables. */
export type Supply = 'full' | 'low' | 'out' | 'jammed' | 'unknown';

export type CommonStatus = {
  device: DeviceState;
  /** Plain technical detail for technicians and logs (never personal data). */
  detail?: string;
  /** ISO time of the last change of `device`. */
  since: string;
};

export type MediaPresence = 'present' | 'notPresent' | 'unknown';

export type CardReaderStatus = CommonStatus & { media: MediaPresence };

export type PrinterStatus = CommonStatus & {
  paper: Supply;
  toner?: Supply;
  coverOpen?: boolean;
};

export type CompletionCode =
  | 'success'
  | 'canceled'
  | 'timeOut'
  | 'deviceNotReady'
  | 'hardwareError'
  | 'userError'
  | 'invalidData'
  | 'unsupportedCommand'
  | 'internalError';

/** The minimal logger an adapter needs; main/ passes its redacting logger in. */
export type DeviceLog = {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

export const silentDeviceLog: DeviceLog = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** Typed device error: what went wrong, in a code the services can switch on. */
export class DeviceError extends Error {
  constructor(
    readonly code: CompletionCode,
    message: string,
    readonly device?: DeviceId,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}

export type Unsubscribe = () => void;

/** What every adapter offers, whatever its device. */
export type DeviceAdapter<Status extends CommonStatus, Caps, Events extends Record<string, unknown>> = {
  readonly id: DeviceId;
  readonly kind: DeviceKind;
  open(): Promise<void>;
  close(): Promise<void>;
  /** Cheap: the cached status, refreshed by the adapter's own poller. */
  status(): Status;
  capabilities(): Caps;
  on<K extends keyof Events & string>(event: K, listener: (payload: Events[K]) => void): Unsubscribe;
};
