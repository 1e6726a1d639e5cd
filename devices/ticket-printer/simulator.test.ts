import { describe, expect, it } from 'vitest';
import { encodeStatusReply } from './protocol/realtime-status';
import { TicketPrinterSimulator } from './simulator';

// The simulator's DLE EOT answers, without a port: they must match what real printers send.
describe('TicketPrinterSimulator status replies', () => {
  const replies = (sim: TicketPrinterSimulator) => ([1, 2, 3, 4] as const).map((n) => encodeStatusReply(n, sim.conditions()));

  it('answers 12 to everything when all is well', () => {
    expect(replies(new TicketPrinterSimulator({ path: 'unused' }))).toEqual([0x12, 0x12, 0x12, 0x12]);
  });

  it('answers 1A / 32 / 12 / 7E when out of paper (DEVICES.md §3.2 vector)', () => {
    const sim = new TicketPrinterSimulator({ path: 'unused' });
    sim.setPaper('out');
    expect(replies(sim)).toEqual([0x1a, 0x32, 0x12, 0x7e]);
  });

  it('reports near end only when low, and cover and cutter faults', () => {
    const sim = new TicketPrinterSimulator({ path: 'unused' });
    sim.setPaper('low');
    expect(replies(sim)).toEqual([0x12, 0x12, 0x12, 0x1e]);
    sim.set({ paper: 'full', coverOpen: true });
    expect(replies(sim)).toEqual([0x1a, 0x16, 0x12, 0x12]);
    sim.set({ coverOpen: false, cutterError: true });
    expect(replies(sim)).toEqual([0x1a, 0x52, 0x1a, 0x12]);
  });
});
