import { Sleeper, systemClock, type DeviceClock } from '../shared/clock';
import { startDeviceLoop } from '../shared/device-loop';
import { TypedEmitter } from '../shared/emitter';
import { maskCardNumber } from '../shared/mask';
import { silentDeviceLog, type CardReaderStatus, type DeviceAdapter, type DeviceLog, type Unsubscribe } from '../shared/status';
import type { CardReaderTransport, SlotState } from './apdu/card-transport';
import { readBasic, type ReadBasicOptions } from './apdu/read-basic';
import type { SsCardIdentity } from './apdu/types';
import { SsCardError } from './ss-card-error';

export type ChipPower = 'online' | 'poweredOff' | 'noCard' | 'hardwareError' | 'unknown';

export type SsCardStatus = CardReaderStatus & { chipPower: ChipPower };

export type SsCardCapabilities = { transport: string; autoRead: boolean; pinPad: false };

export type SsCardEvents = {
  status: SsCardStatus;
  'card.inserted': { identity: SsCardIdentity; atr: Uint8Array; at: string };
  'card.removed': { reason: 'removed' | 'readerLost'; at: string };
  /** Every failed operation, typed; `pinRequired` asks the session to call readBasic({ pin }). */
  error: SsCardError;
};

export type SsCardTimings = { pollMs: number; reopenFirstMs: number; reopenMaxMs: number };

export const DEFAULT_SS_CARD_TIMINGS: SsCardTimings = { pollMs: 500, reopenFirstMs: 250, reopenMaxMs: 5000 };

export type SocialSecurityCardReaderOptions = {
  /** Opens the reader (HID: `async () => new HidCardTransport(await openHidDevice(selector))`). */
  openTransport: () => Promise<CardReaderTransport>;
  /** Names the transport in capabilities(), e.g. 'SIM-HID-CCID v0' or 'pcsc'. */
  transportName: string;
  /** Read EF05/EF06 as soon as a card is inserted (without a PIN). Default true. */
  autoRead?: boolean;
  timings?: Partial<SsCardTimings>;
  log?: DeviceLog;
  clock?: DeviceClock;
};

type CardState = 'none' | 'present' | 'read';

/**
 * Social-security card reader: polls the slot, reads the basic data when a card arrives, and
 * reports removal. One operation at a time runs against the transport (poll or readBasic).
 */
export class SocialSecurityCardReader implements DeviceAdapter<SsCardStatus, SsCardCapabilities, SsCardEvents> {
  readonly id = 'ss-card';
  readonly kind = 'SocialSecurityCardReader';

  private readonly events = new TypedEmitter<SsCardEvents>();
  private readonly timings: SsCardTimings;
  private readonly clock: DeviceClock;
  private readonly log: DeviceLog;
  private readonly sleeper: Sleeper;
  private current: SsCardStatus;
  private transport: CardReaderTransport | undefined;
  private loop: Promise<void> | undefined;
  private lock: Promise<unknown> = Promise.resolve();
  private closed = false;
  private card: CardState = 'none';

  constructor(private readonly options: SocialSecurityCardReaderOptions) {
    this.timings = { ...DEFAULT_SS_CARD_TIMINGS, ...options.timings };
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentDeviceLog;
    this.sleeper = new Sleeper(this.clock);
    this.current = { device: 'noDevice', media: 'unknown', chipPower: 'unknown', since: this.now(), detail: 'not opened' };
  }

  /** Starts polling; resolves once the first attempt to open the reader is over. */
  async open(): Promise<void> {
    if (this.loop || this.closed) return;
    const loop = startDeviceLoop(
      {
        closed: () => this.closed,
        connected: () => this.transport !== undefined,
        connect: () => this.connect(),
        poll: () => this.exclusive(() => this.poll()).catch((e: unknown) => this.failed(e)),
      },
      this.timings,
      this.sleeper,
    );
    this.loop = loop.done;
    await loop.firstAttempt;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.sleeper.cancel();
    await this.loop;
    await this.lock.catch(() => undefined);
    const transport = this.transport;
    this.transport = undefined;
    await transport?.close();
    this.setStatus({ device: 'offline', detail: 'closed' });
  }

  status(): SsCardStatus {
    return this.current;
  }

  capabilities(): SsCardCapabilities {
    return { transport: this.options.transportName, autoRead: this.options.autoRead ?? true, pinPad: false };
  }

  on<K extends keyof SsCardEvents & string>(event: K, listener: (payload: SsCardEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /**
   * Reads the card now (e.g. with the PIN the resident typed after a `pinRequired` error).
   * Emits card.inserted on success, and also returns the identity; throws SsCardError.
   */
  readBasic(options: ReadBasicOptions = {}): Promise<SsCardIdentity> {
    return this.exclusive(async () => {
      const transport = this.transport;
      if (!transport || this.closed) throw new SsCardError('transport', 'reader not connected');
      return this.readCard(transport, options);
    });
  }

  private async connect(): Promise<boolean> {
    try {
      this.transport = await this.options.openTransport();
      return true;
    } catch (e) {
      this.setStatus({ device: 'noDevice', media: 'unknown', chipPower: 'unknown', detail: `cannot open reader: ${(e as Error).message}` });
      return false;
    }
  }

  private async poll(): Promise<void> {
    const transport = this.transport;
    if (!transport || this.closed) return;
    const slot = await transport.slotStatus();
    this.setStatus({ device: 'online', detail: 'ok', ...slotStatusPatch(slot, this.current.chipPower) });
    if (slot === 'absent') {
      if (this.card !== 'none') this.cardGone('removed');
      return;
    }
    if (this.card !== 'none') return;
    this.card = 'present';
    if (this.options.autoRead ?? true) await this.readCard(transport, {});
  }

  private async readCard(transport: CardReaderTransport, options: ReadBasicOptions): Promise<SsCardIdentity> {
    const detail = this.current.detail ?? 'ok';
    this.setStatus({ device: 'busy', detail: 'reading card', chipPower: 'online' });
    try {
      const { atr, identity } = await readBasic(transport, options);
      this.card = 'read';
      this.log.info({ cardNumber: maskCardNumber(identity.cardNumber) }, 'social-security card read');
      this.events.emit('card.inserted', { identity, atr, at: this.now() });
      return identity;
    } finally {
      const chipPower = this.current.media === 'present' ? 'poweredOff' : 'noCard';
      // Back to online; a failure is then reported by failed(), which sets its own state.
      this.setStatus(this.current.device === 'busy' ? { device: 'online', detail, chipPower } : { chipPower });
    }
  }

  private failed(e: unknown): void {
    const error = e instanceof SsCardError ? e : new SsCardError('transport', String(e));
    if (this.closed) return;
    this.log.warn({ reason: error.reason, code: error.code, sw: error.details.sw }, error.message);
    this.events.emit('error', error);
    if (error.reason === 'transport') {
      // The HID device failed or vanished: drop it and reopen with backoff.
      const transport = this.transport;
      this.transport = undefined;
      void transport?.close().catch(() => undefined);
      if (this.card !== 'none') this.cardGone('readerLost');
      this.setStatus({ device: 'noDevice', media: 'unknown', chipPower: 'unknown', detail: error.message });
    } else if (error.reason === 'timeout') {
      this.setStatus({ device: 'offline', detail: error.message });
    } else if (error.reason === 'framing') {
      this.setStatus({ device: 'hardwareError', chipPower: 'hardwareError', detail: error.message });
    }
  }

  private cardGone(reason: 'removed' | 'readerLost'): void {
    // Announced for any card the resident presented, read or refused (a bank card, a PIN never
    // given): the screen that asked them to take it back needs to know it is gone.
    const announced = this.card !== 'none';
    this.card = 'none';
    if (reason === 'removed') this.setStatus({ media: 'notPresent', chipPower: 'noCard' });
    if (announced) this.events.emit('card.removed', { reason, at: this.now() });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.catch(() => undefined).then(fn);
    this.lock = run;
    return run;
  }

  private setStatus(patch: Partial<Omit<SsCardStatus, 'since'>>): void {
    const next: SsCardStatus = { ...this.current, ...patch };
    if (next.device !== this.current.device) next.since = this.now();
    const changed = (['device', 'media', 'chipPower', 'detail'] as const).some((k) => next[k] !== this.current[k]);
    this.current = next;
    if (changed) this.events.emit('status', next);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function slotStatusPatch(slot: SlotState, chipPower: ChipPower): Pick<SsCardStatus, 'media' | 'chipPower'> {
  if (slot === 'absent') return { media: 'notPresent', chipPower: 'noCard' };
  if (slot === 'active') return { media: 'present', chipPower: 'online' };
  return { media: 'present', chipPower: chipPower === 'online' || chipPower === 'noCard' || chipPower === 'unknown' ? 'poweredOff' : chipPower };
}
