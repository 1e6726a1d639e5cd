import PDFDocument from 'pdfkit';
import { IdCardReader } from '../../devices/id-card';
import { PagePrinter } from '../../devices/page-printer';
import { HidCardTransport, openHidDevice, parseHidSelector, SimulatedSsCard, SocialSecurityCardReader, FRAMING_NAME } from '../../devices/ss-card';
import { TicketPrinter, type TicketDocument } from '../../devices/ticket-printer';
import type { KioskConfig } from '../config/schema';
import { DemoDevices } from '../devices/demo-devices';
import { cjkFontData } from '../pdf/fonts';
import { maskCardNumber, maskIdNumber, maskName } from '../privacy/mask';

export const SELFTEST_DEVICES = ['id-card', 'ss-card', 'ticket-printer', 'page-printer'] as const;
export type SelftestDevice = (typeof SELFTEST_DEVICES)[number];

export type SelftestResult = { device: SelftestDevice; ok: boolean; detail: string; ms: number };

/**
 * A real round trip on the configured device: read a card (the simulator inserts a sample one in the
 * demo profile; on a real kiosk the technician places one within `cardWaitMs`), or print a test
 * ticket or page and follow the job. Used by `kioskctl selftest` while the kiosk is stopped.
 */
export async function selftest(device: SelftestDevice, config: KioskConfig, options: { cardWaitMs?: number; now?: () => Date } = {}): Promise<SelftestResult> {
  const started = performance.now();
  const demo = Object.values(config.devices).includes('sim') ? new DemoDevices() : undefined;
  const done = (ok: boolean, detail: string): SelftestResult => ({ device, ok, detail, ms: Math.round(performance.now() - started) });
  try {
    switch (device) {
      case 'id-card':
        return done(true, await readIdCard(config, demo, options.cardWaitMs ?? 30_000));
      case 'ss-card':
        return done(true, await readSsCard(config, demo, options.cardWaitMs ?? 30_000));
      case 'ticket-printer':
        return done(true, await printTestTicket(config, demo, options.now?.() ?? new Date()));
      case 'page-printer':
        return done(true, await printTestPage(config, demo, options.now?.() ?? new Date()));
      default: {
        const unknown: never = device;
        return done(false, `unknown device ${String(unknown)}`);
      }
    }
  } catch (error) {
    return done(false, error instanceof Error ? error.message : String(error));
  } finally {
    await demo?.stop();
  }
}

async function readIdCard(config: KioskConfig, demo: DemoDevices | undefined, waitMs: number): Promise<string> {
  const path = config.devices.idReaderPort === 'sim' ? await need(demo).idCardPort() : config.devices.idReaderPort;
  const reader = new IdCardReader({ path });
  try {
    const card = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no card was read within ${waitMs / 1000} s (reader ${reader.status().device}: ${reader.status().detail ?? ''})`)), waitMs);
      reader.on('card.inserted', ({ identity }) => {
        clearTimeout(timer);
        resolve(`read ${maskName(identity.name)} ${maskIdNumber(identity.idNumber)}, valid to ${identity.validTo}`);
      });
    });
    await reader.open();
    if (config.devices.idReaderPort === 'sim') await need(demo).control({ action: 'insertIdCard', residentId: 'R001' });
    return await card;
  } finally {
    await reader.close();
  }
}

async function readSsCard(config: KioskConfig, demo: DemoDevices | undefined, waitMs: number): Promise<string> {
  const setting = config.devices.ssReader;
  const sim = setting === 'sim' ? need(demo).ssCardReader() : undefined;
  const selector = sim ? undefined : parseHidSelector(setting);
  if (!sim && !selector) throw new Error(`devices.ssReader ${JSON.stringify(setting)} is neither VID:PID nor a hidraw path`);
  const reader = new SocialSecurityCardReader({
    openTransport: async () => new HidCardTransport(sim ? sim.open() : await openHidDevice(selector!)),
    transportName: FRAMING_NAME,
  });
  try {
    const card = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no card was read within ${waitMs / 1000} s (reader ${reader.status().device}: ${reader.status().detail ?? ''})`)), waitMs);
      reader.on('card.inserted', ({ identity }) => {
        clearTimeout(timer);
        resolve(`read ${maskName(identity.name)} ${maskIdNumber(identity.ssn)}, card ${maskCardNumber(identity.cardNumber)}, version ${identity.version}`);
      });
      reader.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    await reader.open();
    if (sim) {
      const sample = need(demo).resident('R001').ssCard;
      if (sample) sim.insert(new SimulatedSsCard(sample));
    }
    return await card;
  } finally {
    await reader.close();
  }
}

async function printTestTicket(config: KioskConfig, demo: DemoDevices | undefined, now: Date): Promise<string> {
  const path = config.devices.ticketPrinterPort === 'sim' ? await need(demo).ticketPrinterPort() : config.devices.ticketPrinterPort;
  const printer = new TicketPrinter({ path });
  try {
    await printer.open();
    const { status } = await printer.printTicket(testTicket(config.kioskId, now));
    return `test ticket printed; paper ${status.paper}`;
  } finally {
    await printer.close();
  }
}

async function printTestPage(config: KioskConfig, demo: DemoDevices | undefined, now: Date): Promise<string> {
  const uri = config.devices.pagePrinter === 'sim' ? await need(demo).pagePrinterUri() : config.devices.pagePrinter;
  const printer = new PagePrinter({ uri });
  try {
    await printer.open();
    const { jobId } = await printer.printPdf(await testPage(config.kioskId, now), { jobName: `kiosk-selftest-${now.getTime()}` });
    await printer.waitJob(jobId, 60_000);
    return `test page printed (job ${jobId} completed); paper ${printer.status().paper}`;
  } finally {
    await printer.close();
  }
}

/** The self-test ticket, shared by kioskctl and the maintenance screen's self-test. */
export function testTicket(kioskId: string, now: Date): TicketDocument {
  return {
    lines: [
      { text: '海珠e办事 自检凭条', align: 'center', size: 2, bold: true },
      { text: `终端 ${kioskId}` },
      { text: now.toISOString() },
      { text: 'Self-test ticket / 打印机自检' },
    ],
    qr: `selftest:${kioskId}`,
    cut: true,
  };
}

/** The A4 self-test page, shared by kioskctl and the maintenance screen's self-test. */
export function testPage(kioskId: string, now: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: '打印机自检页', CreationDate: now } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('regular', cjkFontData('regular'));
  doc.font('regular').fontSize(28).text('海珠e办事 打印机自检页', { align: 'center' });
  doc.moveDown().fontSize(16).text(`终端 ${kioskId}\n${now.toISOString()}\nA4 self-test page: if you can read this, the printer works.`);
  doc.rect(72, 300, 451, 200).lineWidth(2).stroke();
  doc.end();
  return done;
}

function need(demo: DemoDevices | undefined): DemoDevices {
  if (!demo) throw new Error('a simulator was configured outside the demo profile');
  return demo;
}
