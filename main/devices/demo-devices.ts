import { KioskError, type SimulatorAction } from '../../contract';
import { IdCardSimulator } from '../../devices/id-card';
import { startIppeveprinter, type IppeveprinterProcess } from '../../devices/page-printer';
import { openPtyPair, type PtyPair } from '../../devices/shared/pty-pair';
import { SimulatedBankCard, SimulatedHidReader, SimulatedSsCard } from '../../devices/ss-card';
import { TicketPrinterSimulator } from '../../devices/ticket-printer';
import { createLogger } from '../log/logger';
import { deviceLog } from './device-log';
import { loadSampleResidents, type SampleResident } from './sample-residents';

const log = createLogger('demo-devices');

/**
 * The demo profile's devices: each simulator speaks the real protocol on the device end of a real
 * pty pair (socat), and the A4 printer is a real ippeveprinter. The simulator panel drives them.
 */
export class DemoDevices {
  private idCardSim: IdCardSimulator | undefined;
  private ticketSim: TicketPrinterSimulator | undefined;
  private printer: IppeveprinterProcess | undefined;
  private ssSim: SimulatedHidReader | undefined;
  private idCardPair: PtyPair | undefined;
  private idReaderConnected = true;
  private readonly pairs: PtyPair[] = [];
  readonly residents: SampleResident[];

  constructor(residents: SampleResident[] = loadSampleResidents()) {
    this.residents = residents;
  }

  async idCardPort(): Promise<string> {
    const pair = await this.pair('id-card');
    this.idCardPair = pair;
    this.idCardSim = await IdCardSimulator.start({ path: pair.devicePath, log: deviceLog('id-card-sim') });
    return pair.hostPath;
  }

  /** node-hid cannot be faked at the OS level: the simulated reader plugs in at the HID transport. */
  ssCardReader(): SimulatedHidReader {
    this.ssSim ??= new SimulatedHidReader();
    return this.ssSim;
  }

  async ticketPrinterPort(): Promise<string> {
    const pair = await this.pair('ticket');
    this.ticketSim = new TicketPrinterSimulator({ path: pair.devicePath });
    await this.ticketSim.start();
    return pair.hostPath;
  }

  async pagePrinterUri(): Promise<string> {
    // Each job goes through the print command (8 s; ippeveprinter alone takes 5–15 s) so the panel
    // can make the paper run out part-way through one.
    this.printer = await startIppeveprinter({ name: 'KioskA4', printSeconds: 8 });
    return this.printer.uri;
  }

  get ticketSimulator(): TicketPrinterSimulator | undefined {
    return this.ticketSim;
  }

  resident(id: string): SampleResident {
    const found = this.residents.find((r) => r.id === id);
    if (!found) throw new KioskError('NOT_FOUND', `no sample resident ${id}`);
    return found;
  }

  async control(action: SimulatorAction): Promise<void> {
    log.info({ action: action.action }, 'simulator panel');
    switch (action.action) {
      case 'insertIdCard':
        return this.need(this.idCardSim, 'ID card').insert(this.resident(action.residentId).idCard);
      case 'removeIdCard': {
        const sim = this.need(this.idCardSim, 'ID card');
        sim.remove();
        sim.setFault('none');
        return this.nextFind(sim);
      }
      case 'insertUnreadableIdCard': {
        // The reader finds and selects the card, but reading its data fails (SAM status 0x41).
        const sim = this.need(this.idCardSim, 'ID card');
        sim.setFault('unreadable');
        return sim.insert(this.resident(action.residentId).idCard);
      }
      case 'setCardReader':
        return this.setCardReader(action.reader, action.connected);
      case 'setTicketPaper':
        return this.need(this.ticketSim, 'ticket printer').setPaper(action.level === 'jammed' || action.level === 'unknown' ? 'out' : action.level);
      case 'setPagePaper':
        return this.need(this.printer, 'A4 printer').setPaper(action.level === 'low' ? 'low' : action.level === 'full' ? 'full' : 'out');
      case 'pagePaperOutMidJob':
        return this.need(this.printer, 'A4 printer').paperOutMidJob();
      case 'insertSsCard': {
        const card = this.resident(action.residentId).ssCard;
        // A resident without a social-security card stands for someone who inserts a bank card.
        return this.ssCardReader().insert(card ? new SimulatedSsCard(card) : new SimulatedBankCard());
      }
      case 'removeSsCard':
        return this.ssCardReader().remove();
      case 'setNetwork':
        throw new KioskError('NOT_AVAILABLE', `the simulator cannot ${action.action} in this version`);
      default: {
        const unknown: never = action;
        throw new KioskError('INVALID_REQUEST', `unknown simulator action ${JSON.stringify(unknown)}`);
      }
    }
  }

  async stop(): Promise<void> {
    await this.idCardSim?.close();
    await this.ticketSim?.stop();
    await this.printer?.stop();
    for (const pair of this.pairs.splice(0)) await pair.close();
  }

  /** As a technician pulling a reader's cable: the ID reader's pty vanishes, the HID reader unplugs. */
  private async setCardReader(reader: 'id-card' | 'ss-card', connected: boolean): Promise<void> {
    if (reader === 'ss-card') {
      if (connected) this.ssCardReader().replug();
      else this.ssCardReader().unplug();
      return;
    }
    const pair = this.need(this.idCardPair, 'ID card');
    // replug() starts a new socat: only when the old one is gone, or two would fight over the links.
    if (connected === this.idReaderConnected) return;
    this.idReaderConnected = connected;
    if (connected) await pair.replug();
    else await pair.unplug();
  }

  /**
   * Resolves once the reader has polled the empty field (or after 2 s, e.g. when it is unplugged):
   * a card taken away and put back quicker than the reader polls is a swap it cannot see, which
   * no hand is fast enough for but the panel and tests are.
   */
  private async nextFind(sim: IdCardSimulator): Promise<void> {
    const from = sim.received.length;
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline && !sim.received.slice(from).includes('find')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async pair(name: string): Promise<PtyPair> {
    const pair = await openPtyPair(name);
    this.pairs.push(pair);
    return pair;
  }

  private need<T>(sim: T | undefined, what: string): T {
    if (!sim) throw new KioskError('NOT_AVAILABLE', `the ${what} simulator is not running`);
    return sim;
  }
}
