import { Sleeper, systemClock, type DeviceClock } from '../shared/clock';
import { startDeviceLoop } from '../shared/device-loop';
import { TypedEmitter } from '../shared/emitter';
import { maskIdNumber } from '../shared/mask';
import {
  silentDeviceLog,
  type CardReaderStatus,
  type DeviceAdapter,
  type DeviceLog,
  type DeviceState,
  type Unsubscribe,
} from '../shared/status';
import { IdCardError } from './id-card-error';
import type { SamCommand } from './protocol/commands';
import { decodeIdentity } from './protocol/reply';
import { formatSamId } from './protocol/sam-id';
import type { IdCardIdentity } from './protocol/types';
import { SamExchange, type Outcome } from './sam-exchange';
import { openSerialPortLink, type OpenSerialLink, type SerialLink } from './serial-link';

export type IdCardStatus = CardReaderStatus & { samId?: string };

export type IdCardCapabilities = { fingerprint: false; photoDecoder: false; pollIntervalMs: number };

export type IdCardEvents = {
  status: IdCardStatus;
  'card.inserted': { identity: IdCardIdentity; at: string };
  /** `readerLost`: the port vanished while a card was known, so its presence is unknown. */
  'card.removed': { reason: 'removed' | 'readerLost'; at: string };
  /** Every failed exchange, as a typed error; the loop carries on. */
  error: IdCardError;
};

export type IdCardTimings = {
  /** 11 FF status heartbeat (DEVICES.md §1.11: every few seconds). */
  heartbeatMs: number;
  /** Card poll interval. Real readers need ≥ 300 ms (§1.1); tests may go lower. */
  pollMs: number;
  /** Timeout of short commands (status, find, select, chip id). */
  commandTimeoutMs: number;
  /** Timeout of 30 01: the card read dominates (§1.11, ~2 s). */
  readTimeoutMs: number;
  /** First and largest delay between reopen attempts after the port vanished. */
  reopenFirstMs: number;
  reopenMaxMs: number;
  /** Reads attempted on one card placement before waiting for it to be removed. */
  maxReadAttempts: number;
};

export const DEFAULT_ID_CARD_TIMINGS: IdCardTimings = {
  heartbeatMs: 3000,
  pollMs: 300,
  commandTimeoutMs: 1000,
  readTimeoutMs: 3000,
  reopenFirstMs: 250,
  reopenMaxMs: 5000,
  maxReadAttempts: 3,
};

export type IdCardReaderOptions = {
  /** e.g. /dev/ttyUSB0 or COM3. */
  path: string;
  baudRate?: number;
  timings?: Partial<IdCardTimings>;
  log?: DeviceLog;
  clock?: DeviceClock;
  /** Only for unit tests; the default opens the real port through serialport. */
  openLink?: OpenSerialLink;
};

type CardState = { kind: 'none' } | { kind: 'read' } | { kind: 'failed'; attempts: number };

/**
 * Second-generation ID card reader over the SAM serial protocol. One loop owns the port:
 * heartbeat (11 FF), card polling (20 01 → 20 02 → 30 01), removal detection, reopen after unplug.
 */
export class IdCardReader implements DeviceAdapter<IdCardStatus, IdCardCapabilities, IdCardEvents> {
  readonly id = 'id-card';
  readonly kind = 'IdCardReader';

  private readonly events = new TypedEmitter<IdCardEvents>();
  private readonly timings: IdCardTimings;
  private readonly clock: DeviceClock;
  private readonly log: DeviceLog;
  private readonly openLink: OpenSerialLink;
  private readonly sleeper: Sleeper;
  private current: IdCardStatus;
  private link: SerialLink | undefined;
  private exchange: SamExchange | undefined;
  private loop: Promise<void> | undefined;
  private closed = false;
  private card: CardState = { kind: 'none' };
  private cardAnnounced = false;
  private nextHeartbeat = 0;
  private chipProbe = true;

  constructor(private readonly options: IdCardReaderOptions) {
    this.timings = { ...DEFAULT_ID_CARD_TIMINGS, ...options.timings };
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentDeviceLog;
    this.openLink = options.openLink ?? openSerialPortLink;
    this.sleeper = new Sleeper(this.clock);
    this.current = { device: 'noDevice', media: 'unknown', since: this.clock.now().toISOString(), detail: 'not opened' };
  }

  /** Starts the loop; resolves once the first connection attempt is over (see status()). */
  async open(): Promise<void> {
    if (this.loop || this.closed) return;
    const loop = startDeviceLoop(
      { closed: () => this.closed, connected: () => this.exchange !== undefined, connect: () => this.connect(), poll: () => this.poll() },
      this.timings,
      this.sleeper,
    );
    this.loop = loop.done;
    await loop.firstAttempt;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.sleeper.cancel();
    this.exchange?.lost('reader closed');
    await this.loop;
    await this.dropLink();
    this.setStatus({ device: 'offline', detail: 'closed' });
  }

  status(): IdCardStatus {
    return this.current;
  }

  capabilities(): IdCardCapabilities {
    return { fingerprint: false, photoDecoder: false, pollIntervalMs: this.timings.pollMs };
  }

  on<K extends keyof IdCardEvents & string>(event: K, listener: (payload: IdCardEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  private async poll(): Promise<void> {
    try {
      await this.tick();
    } catch (e) {
      // A garbled or failed exchange may hide a reader fault: check the SAM before the next poll.
      if (!(e instanceof IdCardError && (e.reason === 'card' || e.reason === 'identity'))) this.nextHeartbeat = 0;
      this.report(e);
    }
  }

  private async connect(): Promise<boolean> {
    try {
      // The handlers exist before the exchange they feed, so they reach it through this holder.
      const holder: { exchange?: SamExchange } = {};
      const link = await this.openLink(this.options.path, this.options.baudRate ?? 115200, {
        onData: (chunk) => holder.exchange?.receive(chunk),
        onLost: (error) => this.portLost(holder.exchange, error),
      });
      const exchange = new SamExchange(link, this.clock, (what) => this.log.debug({ what }, 'dropped bytes outside a command'));
      holder.exchange = exchange;
      this.link = link;
      this.exchange = exchange;
      this.nextHeartbeat = 0;
      this.chipProbe = true;
      this.log.info({ path: this.options.path }, 'ID card reader port open');
      return true;
    } catch (e) {
      this.setStatus({ device: 'noDevice', media: 'unknown', detail: `cannot open port: ${(e as Error).message}` });
      return false;
    }
  }

  private portLost(exchange: SamExchange | undefined, error: Error | undefined): void {
    if (!exchange || exchange !== this.exchange || this.closed) return;
    this.log.warn({ error: error?.message }, 'ID card reader port lost');
    this.exchange = undefined;
    this.link = undefined;
    exchange.lost('port lost');
    if (this.cardAnnounced) this.events.emit('card.removed', { reason: 'readerLost', at: this.now() });
    this.cardAnnounced = false;
    this.card = { kind: 'none' };
    this.setStatus({ device: 'noDevice', media: 'unknown', detail: 'port lost' });
  }

  private async tick(): Promise<void> {
    if (this.clock.now().getTime() >= this.nextHeartbeat) await this.heartbeat();
    if (this.current.device !== 'online') return;
    const find = await this.send('find', this.timings.commandTimeoutMs);
    const found = find.kind === 'ok';
    if (find.kind === 'status' && find.status.category !== 'noCard') throw statusError('find', find.status);

    if (this.card.kind === 'read') {
      // Readers lock a card out of `find` after a successful read until it leaves the field
      // (§1.1), so a failed find alone does not mean removal: ask the card for its chip number.
      if (found || (await this.stillInField())) return;
      this.cardGone();
      return;
    }
    if (!found) {
      if (this.card.kind === 'failed' || this.current.media === 'present') this.cardGone();
      return;
    }
    if (this.card.kind === 'failed' && this.card.attempts >= this.timings.maxReadAttempts) return;
    this.setStatus({ media: 'present' });
    await this.readCard();
  }

  private async heartbeat(): Promise<void> {
    this.nextHeartbeat = this.clock.now().getTime() + this.timings.heartbeatMs;
    let outcome: Outcome;
    try {
      outcome = await this.send('status', this.timings.commandTimeoutMs);
    } catch (e) {
      const error = e as IdCardError;
      const device: DeviceState = error.reason === 'timeout' ? 'offline' : 'hardwareError';
      this.setStatus({ device, detail: `status check failed: ${error.reason}` });
      throw error;
    }
    if (outcome.kind === 'status') {
      this.setStatus({ device: 'hardwareError', detail: `SAM status 0x${outcome.status.sw3.toString(16)} ${outcome.status.name}` });
      throw statusError('status', outcome.status);
    }
    if (this.current.device !== 'online') {
      this.setStatus({ device: 'online', detail: 'SAM ok', media: this.current.media === 'unknown' ? 'notPresent' : this.current.media });
      await this.readSamId();
    }
  }

  private async readSamId(): Promise<void> {
    try {
      const outcome = await this.send('samId', this.timings.commandTimeoutMs);
      const samId = outcome.kind === 'ok' ? formatSamId(outcome.data) : undefined;
      if (samId) this.setStatus({ samId });
    } catch (e) {
      this.report(e);
    }
  }

  private async readCard(): Promise<void> {
    const attempts = this.card.kind === 'failed' ? this.card.attempts + 1 : 1;
    const detail = this.current.detail ?? 'SAM ok';
    this.setStatus({ device: 'busy', detail: 'reading card' });
    try {
      const select = await this.send('select', this.timings.commandTimeoutMs);
      if (select.kind === 'status') throw statusError('select', select.status);
      const read = await this.send('readTextPhoto', this.timings.readTimeoutMs);
      if (read.kind === 'status') throw statusError('readTextPhoto', read.status);
      const identity = decodeIdentity(read.data);
      if (!identity.ok) {
        const detail = identity.error.kind === 'text' ? identity.error.error.kind : identity.error.reason;
        throw new IdCardError('identity', `card data invalid: ${detail}`);
      }
      this.card = { kind: 'read' };
      this.cardAnnounced = true;
      this.log.info({ idNumber: maskIdNumber(identity.value.idNumber) }, 'ID card read');
      this.events.emit('card.inserted', { identity: identity.value, at: this.now() });
    } catch (e) {
      this.card = { kind: 'failed', attempts };
      throw e;
    } finally {
      // Back to online, unless the port was lost meanwhile (that state stands).
      if (this.current.device === 'busy') this.setStatus({ device: 'online', detail });
    }
  }

  /** 30 05 succeeds while a read card stays in the field (§1.3 notes). */
  private async stillInField(): Promise<boolean> {
    if (!this.chipProbe) return false;
    const outcome = await this.send('readChipId', this.timings.commandTimeoutMs);
    if (outcome.kind === 'status' && outcome.status.category === 'host') {
      // This reader does not know 30 05: fall back to "find fails → removed".
      this.chipProbe = false;
      this.log.info({ sw3: outcome.status.sw3 }, 'reader has no chip-id probe');
    }
    return outcome.kind === 'ok';
  }

  private cardGone(): void {
    const announced = this.cardAnnounced;
    this.card = { kind: 'none' };
    this.cardAnnounced = false;
    this.setStatus({ media: 'notPresent' });
    if (announced) this.events.emit('card.removed', { reason: 'removed', at: this.now() });
  }

  private send(command: SamCommand, timeoutMs: number): Promise<Outcome> {
    const exchange = this.exchange;
    // After close() no new command may start: it would hold close() up until its timeout.
    if (this.closed) return Promise.reject(new IdCardError('portLost', 'reader closed'));
    if (!exchange) return Promise.reject(new IdCardError('portLost', 'port is not open'));
    return exchange.send(command, timeoutMs);
  }

  private report(e: unknown): void {
    const error = e instanceof IdCardError ? e : new IdCardError('unexpectedReply', String(e));
    if (this.closed) return;
    this.log.warn({ reason: error.reason, code: error.code, sw3: error.sw3 }, error.message);
    this.events.emit('error', error);
  }

  private async dropLink(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    this.exchange = undefined;
    await link?.close();
  }

  private setStatus(patch: Partial<Omit<IdCardStatus, 'since'>>): void {
    const next: IdCardStatus = { ...this.current, ...patch };
    if (next.device !== this.current.device) next.since = this.now();
    const changed = (['device', 'media', 'detail', 'samId'] as const).some((k) => next[k] !== this.current[k]);
    this.current = next;
    if (changed) this.events.emit('status', next);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function statusError(command: SamCommand, status: { sw3: number; name: string; category: string }): IdCardError {
  const reason = status.category === 'sam' ? 'sam' : status.category === 'host' ? 'host' : 'card';
  return new IdCardError(reason, `${command}: ${status.name}`, status.sw3);
}
