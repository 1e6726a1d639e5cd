import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TicketPrinter, TicketPrinterError, TicketPrinterSimulator } from '../../devices/ticket-printer';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import { needs } from '../support/system';
import { waitUntil } from '../support/wait-until';

const ticket = { lines: [{ text: 'B007', align: 'center' as const, size: 2 as const }], cut: true };

describe.skipIf(!needs('socat', 'socat'))('ticket printer faults over a real pty', () => {
  let pair: PtyPair;
  let sim: TicketPrinterSimulator;
  let printer: TicketPrinter;

  beforeEach(async () => {
    pair = await openPtyPair('ticket-faults');
    sim = new TicketPrinterSimulator({ path: pair.devicePath, reattachMs: 50 });
    await sim.start();
    printer = new TicketPrinter({
      path: pair.hostPath,
      pollIntervalMs: 200,
      replyTimeoutMs: 300,
      reopenInitialMs: 50,
      reopenMaxMs: 400,
    });
    await printer.open();
  });

  afterEach(async () => {
    await printer.close();
    await sim.stop();
    await pair.close();
  });

  it('a silent printer times out with a typed error, then recovers', async () => {
    sim.set({ silent: true });
    const err = await printer.printTicket(ticket).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TicketPrinterError);
    expect(err).toMatchObject({ reason: 'timeout', code: 'timeOut', afterPrint: false });
    expect(printer.status()).toMatchObject({ device: 'offline', paper: 'unknown' });

    sim.set({ silent: false });
    await waitUntil(() => printer.status().device === 'online', 5000, 'poller to see the printer answer again');
    await printer.printTicket(ticket);
    const jobs = await sim.waitForJobs(1, 5000);
    expect(jobs[0]?.ticket.lines[0]?.text).toBe('B007');
  });

  it('unplug: status noDevice and typed refusal; replug: reopens and prints', async () => {
    await pair.unplug();
    await waitUntil(() => printer.status().device === 'noDevice', 5000, 'adapter to notice the unplug');
    await expect(printer.printTicket(ticket)).rejects.toMatchObject({ reason: 'noDevice' });

    await pair.replug();
    await waitUntil(() => sim.isAttached, 5000, 'simulator to reattach');
    await waitUntil(() => printer.status().device === 'online', 10_000, 'adapter to reopen the port');
    await printer.printTicket(ticket);
    const jobs = await sim.waitForJobs(1, 5000);
    expect(jobs[0]?.ticket.lines[0]?.text).toBe('B007');
  });

  it('starts with the port absent and opens it when it appears', async () => {
    await printer.close();
    await pair.unplug();
    printer = new TicketPrinter({ path: pair.hostPath, pollIntervalMs: 200, replyTimeoutMs: 300, reopenInitialMs: 50, reopenMaxMs: 200 });
    await printer.open();
    expect(printer.status().device).toBe('noDevice');
    await pair.replug();
    await waitUntil(() => printer.status().device === 'online', 10_000, 'adapter to find the port');
  });
});
