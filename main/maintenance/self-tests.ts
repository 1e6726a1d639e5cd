import { KioskError } from '../../contract';
import type { SelfTest, SelfTestResult } from '../../contract/maintenance-access';
import { AuditLog } from '../audit/audit-log';
import { schemaVersion } from '../db/database';
import type { KioskParts } from '../kiosk-parts';
import { testPage, testTicket } from '../kioskctl/selftest';
import { createLogger } from '../log/logger';
import { ticketPrintServiceFor } from '../printing/ticket-print-service';
import type { CardRead, MaintenanceCards } from './maintenance-cards';

const log = createLogger('self-tests');

type Fact = SelfTestResult['facts'][number];
/** What one check found: facts for the screen, or a failure with its error code. */
type Outcome = { ok: true; detail: string; facts: Fact[] } | { ok: false; detail: string; code: string; facts: Fact[] };

/** How long the card-reader test waits for a card (the demo inserts a sample one at once). */
export const CARD_WAIT_MS = 30_000;

const fact = (label: string, value: string | number): Fact => ({ label, value: String(value) });

/**
 * The technician's self-tests on the running kiosk, through the same paths residents use: the A4
 * page through the page print service (a print_jobs row, IPP job followed to its end), the ticket
 * through the ticket print service (kind 'test'), a card through the live readers (claimed so it
 * never starts a resident session), a real round trip to the platform, and SQLite's quick_check
 * with the audit chain. The page and ticket are the ones `kioskctl selftest` prints. Every result is
 * audited and leaves the kiosk on the outbox.
 */
export class MaintenanceSelfTests {
  constructor(
    private readonly parts: KioskParts,
    private readonly cards: MaintenanceCards,
  ) {}

  async run(test: SelfTest, options: { card?: 'id-card' | 'ss-card'; cardWaitMs?: number } = {}): Promise<SelfTestResult> {
    const started = this.parts.clock.monotonic();
    let outcome: Outcome;
    try {
      outcome = await this.check(test, options);
    } catch (error) {
      if (!(error instanceof KioskError)) log.error({ err: error, test }, 'self-test failed unexpectedly');
      outcome = { ok: false, detail: error instanceof Error ? error.message : String(error), code: error instanceof KioskError ? error.code : 'INTERNAL', facts: [] };
    }
    const result: SelfTestResult = {
      test,
      ok: outcome.ok,
      detail: outcome.detail,
      code: outcome.ok ? null : outcome.code,
      facts: outcome.facts,
      ms: Math.max(0, Math.round(this.parts.clock.monotonic() - started)),
      at: new Date(this.parts.clock.now()).toISOString(),
    };
    this.parts.gate.recordAction('maintenance.selfTest', { test, ok: result.ok, code: result.code, detail: result.detail }, result.ok);
    return result;
  }

  private check(test: SelfTest, options: { card?: 'id-card' | 'ss-card'; cardWaitMs?: number }): Promise<Outcome> {
    switch (test) {
      case 'page-printer':
        return this.pagePrinter();
      case 'ticket-printer':
        return this.ticketPrinter();
      case 'card-reader':
        return this.cardReader(options.card ?? 'ss-card', options.cardWaitMs ?? CARD_WAIT_MS);
      case 'platform':
        return this.platform();
      case 'database':
        return Promise.resolve(this.database());
      default: {
        const never: never = test;
        return never;
      }
    }
  }

  private async pagePrinter(): Promise<Outcome> {
    const { config, clock, printing, devices } = this.parts;
    const pdf = await testPage(config.kioskId, new Date(clock.now()));
    try {
      const { jobId, state } = await printing.print({ kind: 'test-page', reference: 'self-test', pdf, audit: { by: 'technician' } });
      return { ok: true, detail: `A4 test page ${jobId} ${state}`, facts: [fact('job', jobId), fact('state', state), fact('paper', devices.status('page-printer').paper ?? 'unknown')] };
    } catch (error) {
      if (!(error instanceof KioskError)) throw error;
      const jobId = error.detail?.jobId;
      return {
        ok: false,
        detail: error.message,
        code: error.code,
        facts: [...(typeof jobId === 'string' ? [fact('job', jobId), fact('state', printing.jobState(jobId) ?? 'failed')] : []), fact('paper', devices.status('page-printer').paper ?? 'unknown')],
      };
    }
  }

  private async ticketPrinter(): Promise<Outcome> {
    const { config, clock, devices, demoDevices } = this.parts;
    const simulator = demoDevices?.ticketSimulator;
    const jobsBefore = simulator?.jobs.length ?? 0;
    try {
      const { ticketId, state } = await ticketPrintServiceFor(this.parts).print('test', { document: testTicket(config.kioskId, new Date(clock.now())), reference: 'self-test' });
      const facts = [fact('ticket', ticketId), fact('state', state), fact('paper', devices.status('ticket-printer').paper ?? 'unknown')];
      // Demo: the simulated printer decoded the ESC/POS it received; show what it read back.
      if (simulator) {
        const [job] = await simulator.waitForJobs(jobsBefore + 1, 10_000).then((jobs) => jobs.slice(jobsBefore));
        if (job) facts.push(fact('decoded', `${job.ticket.lines[0]?.text ?? ''} · QR ${job.ticket.qr[0]?.data ?? '—'} · ${job.ticket.cuts} cut`));
      }
      return { ok: true, detail: `test ticket ${ticketId} ${state}`, facts };
    } catch (error) {
      if (!(error instanceof KioskError)) throw error;
      return { ok: false, detail: error.message, code: error.code, facts: [fact('paper', devices.status('ticket-printer').paper ?? 'unknown')] };
    }
  }

  private async cardReader(kind: 'id-card' | 'ss-card', waitMs: number): Promise<Outcome> {
    const demo = this.parts.demoDevices;
    const read = this.cards.waitForSelfTestCard(waitMs);
    // Demo: the simulator inserts a sample resident's card, as `kioskctl selftest` does.
    if (demo) {
      const inserted = demo.control(kind === 'id-card' ? { action: 'insertIdCard', residentId: 'R001' } : { action: 'insertSsCard', residentId: 'R001' });
      await inserted.catch((error: unknown) => this.cards.cancelSelfTestCard(error));
    }
    let card: CardRead;
    try {
      card = await read;
    } finally {
      if (demo) await demo.control({ action: kind === 'id-card' ? 'removeIdCard' : 'removeSsCard' }).catch(() => {});
    }
    return { ok: true, detail: `${card.kind} read: ${card.facts.map((f) => f.value).join(' ')}`, facts: [fact('reader', card.kind), ...card.facts] };
  }

  private async platform(): Promise<Outcome> {
    const { link, config } = this.parts;
    const client = link.queries();
    const target = config.platform.url === 'sim' ? 'platform simulator' : config.platform.url;
    if (!client) return { ok: false, detail: 'the network to the platform is cut', code: 'PLATFORM_UNREACHABLE', facts: [fact('platform', target)] };
    const started = this.parts.clock.monotonic();
    await client.getTimestamp(null);
    const roundTrip = Math.round(this.parts.clock.monotonic() - started);
    const sync = await link.sync.syncNow();
    return {
      ok: true,
      detail: `platform answered in ${roundTrip} ms; ${sync.pending} events pending`,
      facts: [fact('platform', target), fact('roundTripMs', roundTrip), fact('pending', sync.pending), fact('deadLetters', sync.deadLetters), fact('lastSuccess', sync.lastSuccessAt ?? '—')],
    };
  }

  private database(): Outcome {
    const { db, clock } = this.parts;
    const quickCheck = String(db.pragma('quick_check(1)', { simple: true }));
    const chain = new AuditLog(db, clock).verify();
    const facts = [fact('quickCheck', quickCheck), fact('schema', schemaVersion(db)), fact('auditRows', chain.rows), fact('auditChain', chain.ok ? 'ok' : `broken at ${chain.brokenAt}: ${chain.reason}`)];
    if (quickCheck !== 'ok') return { ok: false, detail: `quick_check: ${quickCheck}`, code: 'INTERNAL', facts };
    if (!chain.ok) return { ok: false, detail: `audit log broken at entry ${chain.brokenAt}: ${chain.reason}`, code: 'INTERNAL', facts };
    return { ok: true, detail: `quick_check ok; audit chain of ${chain.rows} entries intact`, facts };
  }
}
