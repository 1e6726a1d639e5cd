import { IdCardReader, IdCardSimulator } from '../devices/id-card';
import { openPtyPair } from '../devices/shared/pty-pair';
import { TicketPrinter, TicketPrinterSimulator } from '../devices/ticket-printer';
import residents from '../fixtures/residents/residents.json' with { type: 'json' };
import { percentile, type BenchRow } from './table';

const RUNS = 12;
/** 1295 bytes × 10 bits at 115200 baud: the read reply alone on the wire (DEVICES.md §1.11). */
const WIRE_MS = (1295 * 10 * 1000) / 115200;

/**
 * ID card placement → decoded identity, with the reader's production timings (300 ms polling) over
 * a real pty, and a queue ticket from submit to the simulator's cut.
 */
export async function benchDevices(): Promise<BenchRow[]> {
  const card = { ...residents.residents[0]!.idCard, gender: '1' as const };
  const pair = await openPtyPair('bench-id');
  const sim = await IdCardSimulator.start({ path: pair.devicePath });
  const reader = new IdCardReader({ path: pair.hostPath });
  const placements: number[] = [];
  try {
    await reader.open();
    for (let i = 0; i < RUNS; i++) {
      const read = new Promise<void>((resolve) => {
        const off = reader.on('card.inserted', () => {
          off();
          resolve();
        });
      });
      const removed = new Promise<void>((resolve) => {
        const off = reader.on('card.removed', () => {
          off();
          resolve();
        });
      });
      const start = performance.now();
      sim.insert(card);
      await read;
      placements.push(performance.now() - start);
      sim.remove();
      await removed;
    }
  } finally {
    await reader.close();
    await sim.close();
    await pair.close();
  }

  const ticketPair = await openPtyPair('bench-ticket');
  const printerSim = new TicketPrinterSimulator({ path: ticketPair.devicePath });
  await printerSim.start();
  const printer = new TicketPrinter({ path: ticketPair.hostPath });
  const tickets: number[] = [];
  try {
    await printer.open();
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const printed = printerSim.waitForJobs(i + 1, 10_000);
      await printer.printTicket({ lines: [{ text: '海珠区政务服务中心', align: 'center' }, { text: `A${String(i).padStart(3, '0')}`, size: 2 }], qr: 'https://example.gov.cn/q/A001', cut: true });
      await printed;
      tickets.push(performance.now() - start);
    }
  } finally {
    await printer.close();
    await printerSim.stop();
    await ticketPair.close();
  }
  const p50 = percentile(placements, 50);
  const p95 = percentile(placements, 95);
  return [
    { name: 'ID card placed → identity decoded, p50', value: p50, unit: 'ms', baseline: WIRE_MS, ratio: WIRE_MS / p50 },
    { name: 'ID card placed → identity decoded, p95', value: p95, unit: 'ms', target: '≤ 400 ms', ok: p95 <= 400, baseline: WIRE_MS, ratio: WIRE_MS / p95 },
    { name: 'queue ticket submit → printed and cut, p50', value: percentile(tickets, 50), unit: 'ms' },
    { name: 'queue ticket submit → printed and cut, p95', value: percentile(tickets, 95), unit: 'ms' },
  ];
}
