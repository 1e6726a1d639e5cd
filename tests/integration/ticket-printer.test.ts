import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrinterStatus } from '../../devices/shared/status';
import { TicketPrinter, TicketPrinterError, TicketPrinterSimulator, type TicketDocument } from '../../devices/ticket-printer';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import { needs } from '../support/system';
import { waitUntil } from '../support/wait-until';

const queueTicket: TicketDocument = {
  lines: [
    { text: '海珠区政务服务中心', align: 'center', bold: true },
    { text: '排队号', align: 'center' },
    { text: 'A001', align: 'center', size: 2, bold: true },
    { text: '前面还有 3 人等候', align: 'left' },
    { text: '2026-11-28 08:00', align: 'right' },
  ],
  qr: 'https://example.gov.cn/q?t=A001',
  cut: true,
};

describe.skipIf(!needs('socat', 'socat'))('ticket printer over a real pty', () => {
  let pair: PtyPair;
  let sim: TicketPrinterSimulator;
  let printer: TicketPrinter;
  let statuses: PrinterStatus[];

  beforeEach(async () => {
    pair = await openPtyPair('ticket');
    sim = new TicketPrinterSimulator({ path: pair.devicePath });
    await sim.start();
    printer = new TicketPrinter({ path: pair.hostPath, pollIntervalMs: 200, replyTimeoutMs: 500 });
    statuses = [];
    printer.on('statusChanged', (s) => statuses.push(s));
    await printer.open();
  });

  afterEach(async () => {
    await printer.close();
    await sim.stop();
    await pair.close();
  });

  it('prints a queue ticket that decodes back to the same text, layout and QR', async () => {
    expect(printer.status()).toMatchObject({ device: 'online', paper: 'full', coverOpen: false });
    const result = await printer.printTicket(queueTicket);
    expect(result.status.device).toBe('online');
    const [job] = await sim.waitForJobs(1, 5000);
    expect(job?.printed).toBe(true);
    const ticket = job!.ticket;
    expect(ticket.lines.map((l) => l.text)).toEqual(queueTicket.lines.map((l) => l.text));
    expect(ticket.lines[2]).toMatchObject({ text: 'A001', align: 'center', width: 2, height: 2, bold: true });
    expect(ticket.lines[3]).toMatchObject({ align: 'left', width: 1, bold: false });
    expect(ticket.qr.map((q) => q.data)).toEqual([queueTicket.qr]);
    expect(ticket.cuts).toBe(1);
    expect(ticket.unknownBytes).toBe(0);
    expect(result.bytes).toBe(job!.bytes.length);
  });

  it('refuses with a typed error before printing when the paper is out', async () => {
    const outEvents: unknown[] = [];
    printer.on('paperOut', (e) => outEvents.push(e));
    sim.setPaper('out');
    const err = await printer.printTicket(queueTicket).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TicketPrinterError);
    expect(err).toMatchObject({ reason: 'paperOut', code: 'deviceNotReady', afterPrint: false });
    expect(sim.jobs).toHaveLength(0);
    expect(printer.status().paper).toBe('out');
    expect(outEvents).toHaveLength(1);

    sim.setPaper('full');
    await printer.printTicket(queueTicket);
    expect(await sim.waitForJobs(1, 5000)).toHaveLength(1);
  });

  it('reports a ticket cut short when the paper runs out while it prints', async () => {
    sim.on('job', () => sim.setPaper('out'));
    const err = await printer.printTicket(queueTicket).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'paperOut', afterPrint: true });
    expect(sim.jobs).toHaveLength(1);
    expect(printer.status().paper).toBe('out');
  });

  it('refuses when the cover is open', async () => {
    sim.set({ coverOpen: true });
    await expect(printer.printTicket(queueTicket)).rejects.toMatchObject({ reason: 'coverOpen' });
    expect(sim.jobs).toHaveLength(0);
    expect(printer.status().coverOpen).toBe(true);
  });

  it('refuses on a cutter error', async () => {
    sim.set({ cutterError: true });
    await expect(printer.printTicket(queueTicket)).rejects.toMatchObject({ reason: 'cutterError', code: 'hardwareError' });
    expect(printer.status().device).toBe('hardwareError');
  });

  it('warns once on paper low but still prints', async () => {
    let lowEvents = 0;
    printer.on('paperLow', () => lowEvents++);
    sim.setPaper('low');
    await printer.printTicket(queueTicket);
    await printer.printTicket(queueTicket);
    expect(await sim.waitForJobs(2, 5000)).toHaveLength(2);
    expect(lowEvents).toBe(1);
    expect(printer.status().paper).toBe('low');
  });

  it('the idle poller reports changes only when they happen', async () => {
    sim.setPaper('low');
    await waitUntil(() => printer.status().paper === 'low', 5000, 'poller to see paper low');
    sim.setPaper('out');
    await waitUntil(() => printer.status().paper === 'out', 5000, 'poller to see paper out');
    sim.setPaper('full');
    await waitUntil(() => printer.status().paper === 'full', 5000, 'poller to see paper full');
    const papers = statuses.map((s) => s.paper);
    expect(papers.slice(-3)).toEqual(['low', 'out', 'full']);
    // No repeats: each emitted status differs from the one before.
    for (let i = 1; i < statuses.length; i++) expect(statuses[i]).not.toEqual({ ...statuses[i - 1], since: statuses[i]?.since });
  });

  it('prints one job at a time when tickets are queued together', async () => {
    const docs = ['A001', 'A002', 'A003'].map((n) => ({ lines: [{ text: n }], cut: true }));
    await Promise.all(docs.map((d) => printer.printTicket(d)));
    const jobs = await sim.waitForJobs(3, 5000);
    expect(jobs.map((j) => j.ticket.lines[0]?.text)).toEqual(['A001', 'A002', 'A003']);
    expect(jobs.every((j) => j.ticket.statusRequests.length === 0)).toBe(true);
  });
});
