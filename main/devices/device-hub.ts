import type { DeviceStatus } from '../../contract';
import { IdCardReader, type IdCardIdentity } from '../../devices/id-card';
import { PagePrinter } from '../../devices/page-printer';
import {
  HidCardTransport,
  openHidDevice,
  parseHidSelector,
  SocialSecurityCardReader,
  FRAMING_NAME,
  type CardReaderTransport,
  type SsCardIdentity,
} from '../../devices/ss-card';
import type { CommonStatus, DeviceId, PrinterStatus } from '../../devices/shared/status';
import { TicketPrinter } from '../../devices/ticket-printer';
import type { DeviceSettings } from '../config/schema';
import type { EventBus } from '../ipc/event-bus';
import { createLogger } from '../log/logger';
import { deviceLog } from './device-log';
import type { DemoDevices } from './demo-devices';

const log = createLogger('devices');

export type CardListener = {
  idCardInserted(identity: IdCardIdentity): void;
  ssCardInserted(identity: SsCardIdentity): void;
  removed(kind: 'id-card' | 'ss-card'): void;
  /** A card that was presented but cannot be used (unreadable, not a social-security card…). */
  rejected(kind: 'id-card' | 'ss-card', code: 'CARD_READ_FAILED' | 'NOT_SOCIAL_SECURITY_CARD'): void;
};

/**
 * Every peripheral of the kiosk, opened from config (`sim` = the demo's simulator on a real pty or
 * a real ippeveprinter), with one status list that reaches the UI as `device.status` events.
 * A device that cannot be opened is reported as `noDevice` with the reason; the kiosk keeps running.
 */
export class DeviceHub {
  idCard: IdCardReader | undefined;
  ssCard: SocialSecurityCardReader | undefined;
  ticketPrinter: TicketPrinter | undefined;
  pagePrinter: PagePrinter | undefined;
  private readonly statuses = new Map<DeviceId, DeviceStatus>();
  private readonly stops: Array<() => Promise<void>> = [];

  constructor(
    private readonly settings: DeviceSettings,
    private readonly events: EventBus,
    private readonly cards: CardListener,
    private readonly demo: DemoDevices | undefined,
  ) {
    for (const id of ['id-card', 'ss-card', 'ticket-printer', 'page-printer'] as const) {
      this.statuses.set(id, { id, state: 'noDevice', detail: 'starting', since: new Date().toISOString() });
    }
  }

  async start(): Promise<void> {
    await Promise.all([this.startIdCard(), this.startSsCard(), this.startTicketPrinter(), this.startPagePrinter()]);
  }

  list(): DeviceStatus[] {
    return [...this.statuses.values()];
  }

  status(id: DeviceId): DeviceStatus {
    return this.statuses.get(id) as DeviceStatus;
  }

  /** Adapters with their own status model (e.g. the social-security reader) report through here. */
  report(id: DeviceId, status: CommonStatus & { paper?: PrinterStatus['paper'] }): void {
    const next: DeviceStatus = {
      id,
      state: status.device,
      since: status.since,
      ...(status.detail ? { detail: status.detail } : {}),
      ...(status.paper ? { paper: status.paper } : {}),
    };
    const previous = this.statuses.get(id);
    if (previous && previous.state === next.state && previous.detail === next.detail && previous.paper === next.paper) return;
    this.statuses.set(id, next);
    log.info({ device: id, state: next.state, detail: next.detail, paper: next.paper }, 'device status');
    this.events.publish('device.status', next);
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        log.warn({ err: error }, 'a device did not close cleanly');
      }
    }
  }

  private async startIdCard(): Promise<void> {
    const path = await this.portFor('id-card', this.settings.idReaderPort);
    if (!path) return;
    const reader = new IdCardReader({ path, log: deviceLog('id-card') });
    reader.on('status', (s) => this.report('id-card', s));
    reader.on('card.inserted', ({ identity }) => this.cards.idCardInserted(identity));
    reader.on('card.removed', () => this.cards.removed('id-card'));
    reader.on('error', (error) => {
      // Once per card: the reader tries a few times, then waits for the card to be taken away.
      if (error.reason === 'card' || error.reason === 'identity') this.cards.rejected('id-card', 'CARD_READ_FAILED');
    });
    this.idCard = reader;
    this.stops.push(() => reader.close());
    await this.open('id-card', () => reader.open(), () => this.report('id-card', reader.status()));
  }

  private async startSsCard(): Promise<void> {
    const setting = this.settings.ssReader;
    let openTransport: () => Promise<CardReaderTransport>;
    if (setting === 'sim') {
      const sim = this.demo?.ssCardReader();
      if (!sim) return this.fail('ss-card', new Error('a simulator was configured outside the demo profile'));
      openTransport = async () => new HidCardTransport(sim.open());
    } else {
      const selector = parseHidSelector(setting);
      if (!selector) return this.fail('ss-card', new Error(`devices.ssReader ${JSON.stringify(setting)} is neither VID:PID nor a hidraw path`));
      openTransport = async () => new HidCardTransport(await openHidDevice(selector));
    }
    const reader = new SocialSecurityCardReader({ openTransport, transportName: FRAMING_NAME, log: deviceLog('ss-card') });
    reader.on('status', (s) => this.report('ss-card', s));
    reader.on('card.inserted', ({ identity }) => this.cards.ssCardInserted(identity));
    reader.on('card.removed', () => this.cards.removed('ss-card'));
    reader.on('error', (error) => {
      if (error.reason === 'notSsCard') this.cards.rejected('ss-card', 'NOT_SOCIAL_SECURITY_CARD');
      else if (error.reason === 'cardData' || error.reason === 'cardStatus') this.cards.rejected('ss-card', 'CARD_READ_FAILED');
    });
    this.ssCard = reader;
    this.stops.push(() => reader.close());
    await this.open('ss-card', () => reader.open(), () => this.report('ss-card', reader.status()));
  }

  private async startTicketPrinter(): Promise<void> {
    const path = await this.portFor('ticket-printer', this.settings.ticketPrinterPort);
    if (!path) return;
    const printer = new TicketPrinter({ path, log: deviceLog('ticket-printer') });
    printer.on('statusChanged', (s) => this.report('ticket-printer', s));
    this.ticketPrinter = printer;
    this.stops.push(() => printer.close());
    await this.open('ticket-printer', () => printer.open(), () => this.report('ticket-printer', printer.status()));
  }

  private async startPagePrinter(): Promise<void> {
    let uri = this.settings.pagePrinter;
    if (uri === 'sim') {
      try {
        uri = (await this.demoOrThrow().pagePrinterUri()) ?? '';
      } catch (error) {
        this.fail('page-printer', error);
        return;
      }
    }
    const printer = new PagePrinter({ uri, log: deviceLog('page-printer') });
    printer.on('statusChanged', (s) => this.report('page-printer', s));
    this.pagePrinter = printer;
    this.stops.push(() => printer.close());
    await this.open('page-printer', () => printer.open(), () => this.report('page-printer', printer.status()));
  }

  /** The serial path to open: the configured one, or the host end of the simulator's pty. */
  private async portFor(id: 'id-card' | 'ticket-printer', setting: string): Promise<string | undefined> {
    if (setting !== 'sim') return setting;
    try {
      return id === 'id-card' ? await this.demoOrThrow().idCardPort() : await this.demoOrThrow().ticketPrinterPort();
    } catch (error) {
      this.fail(id, error);
      return undefined;
    }
  }

  private demoOrThrow(): DemoDevices {
    if (!this.demo) throw new Error('a simulator was configured outside the demo profile');
    return this.demo;
  }

  private async open(id: DeviceId, open: () => Promise<void>, after: () => void): Promise<void> {
    try {
      await open();
      after();
    } catch (error) {
      this.fail(id, error);
    }
  }

  private fail(id: DeviceId, error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    this.report(id, { device: 'noDevice', detail, since: new Date().toISOString() });
  }
}
