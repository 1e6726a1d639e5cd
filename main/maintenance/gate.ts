import { KioskError } from '../../contract';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/database';
import type { Clock, IdSource } from '../util/clock';
import { lockState, verifyPin, type Attempt } from './pin';

/**
 * What leaves the kiosk with each audit row of the gate (written inside the same transaction):
 * `type` is the outbox event type, `payload` holds no personal data (card numbers are masked).
 * `success` and `at` are kept at the top for recorders that only report sign-ins.
 */
export type GateEvent = { type: string; success: boolean; at: number; payload: Record<string, unknown> };
export type GateRecorder = (event: GateEvent) => void;

/** A technician card the reader holds, as the gate keeps it: masked only. */
export type PresentedCard = { maskedCard: string; at: number };

/**
 * The door to maintenance mode: PIN check with a restart-proof lockout; every attempt, refusal,
 * card and sign-out is written to the sign-in table and the audit log, and handed to the recorder
 * (the outbox), in one transaction.
 */
export class MaintenanceGate {
  /** A technician's session ends after this long without a maintenance request (KIOSK-UX: 5 minutes). */
  static readonly IDLE_MS = 5 * 60_000;
  /** The one open maintenance session: its token and when it was last used. */
  private open: { token: string; lastUsed: number } | undefined;
  /** A listed technician card in the reader: the next correct PIN signs in as card + PIN. */
  private card: PresentedCard | undefined;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly pinHash: () => string | null,
    private record: GateRecorder = () => {},
  ) {}

  /**
   * Sends the gate's events somewhere else from now on (maintenanceAccessHandlers points it at the
   * outbox with the event's own type, so refusals, cards and sign-outs leave the kiosk too).
   */
  recordTo(recorder: GateRecorder): void {
    this.record = recorder;
  }

  unlock(pin: string): { token: string } {
    const hash = this.pinHash();
    if (!hash) throw new KioskError('NOT_AVAILABLE', 'no technician PIN is configured for this kiosk');
    const now = this.clock.now();
    const method = this.card ? 'card+pin' : 'pin';
    const card = this.card ? { card: this.card.maskedCard } : {};
    const before = lockState(this.attempts(), now);
    if (before.locked) {
      this.write('maintenance.signIn.refused', { reason: 'locked', until: before.until, method, ...card }, { type: 'maintenance.sign_in', success: false, outcome: 'locked', method, until: new Date(before.until).toISOString(), ...card });
      throw new KioskError('PIN_LOCKED', 'maintenance entry is locked after too many wrong PINs', { until: before.until });
    }
    const success = verifyPin(pin, hash);
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO sign_in_attempts (at, method, success) VALUES (?, ?, ?)').run(now, method, success ? 1 : 0);
      this.write(success ? 'maintenance.signIn' : 'maintenance.signIn.failed', { method, ...card }, { type: 'maintenance.sign_in', success, outcome: success ? 'ok' : 'wrong', method, ...card });
    })();
    if (success) {
      if (this.open) this.write('maintenance.signOut', { reason: 'replaced' }, { type: 'maintenance.sign_out', success: true, reason: 'replaced' });
      this.open = { token: this.ids.uuid(), lastUsed: now };
      return { token: this.open.token };
    }
    const after = lockState(this.attempts(), now);
    if (after.locked) throw new KioskError('PIN_LOCKED', 'maintenance entry is locked after too many wrong PINs', { until: after.until });
    throw new KioskError('PIN_WRONG', 'wrong PIN', { attemptsLeft: after.attemptsLeft });
  }

  /**
   * Every maintenance.* request goes through here first: the token must be the open session's and
   * the session must have been used within IDLE_MS. Each accepted request keeps it alive.
   */
  authorize(token: string): void {
    const now = this.clock.now();
    const open = this.open;
    if (!open || open.token !== token) throw new KioskError('FORBIDDEN', 'not signed in to maintenance mode');
    if (now - open.lastUsed > MaintenanceGate.IDLE_MS) {
      this.close('idle');
      throw new KioskError('FORBIDDEN', 'the maintenance session ended after five minutes without a touch');
    }
    open.lastUsed = now;
  }

  /**
   * Ends the maintenance session (the technician's exit, or the screen's own inactivity timer). A
   * token that is not the open session's changes nothing: signing out twice is harmless.
   */
  signOut(token: string, reason: 'exit' | 'idle'): void {
    const open = this.open;
    if (open?.token !== token) return;
    this.close(this.clock.now() - open.lastUsed > MaintenanceGate.IDLE_MS ? 'idle' : reason);
  }

  /** Whether a technician is signed in right now (a card read then belongs to maintenance). */
  isOpen(): boolean {
    return this.open !== undefined && this.clock.now() - this.open.lastUsed <= MaintenanceGate.IDLE_MS;
  }

  /** A listed technician card was read: audited; the next PIN signs in as card + PIN. */
  technicianCardPresented(maskedCard: string): void {
    this.card = { maskedCard, at: this.clock.now() };
    this.write('maintenance.card.presented', { card: maskedCard }, { type: 'maintenance.technician_card', success: true, card: maskedCard, presented: true });
  }

  /** The technician card left the reader. */
  technicianCardRemoved(): void {
    if (!this.card) return;
    const { maskedCard } = this.card;
    this.card = undefined;
    this.write('maintenance.card.removed', { card: maskedCard }, { type: 'maintenance.technician_card', success: true, card: maskedCard, presented: false });
  }

  technicianCard(): PresentedCard | undefined {
    return this.card;
  }

  /** Audits a technician's action in maintenance mode (and hands it to the recorder). */
  recordAction(action: string, detail: Record<string, unknown>, success = true): void {
    this.write(action, detail, { type: 'maintenance.action', success, action, ...detail });
  }

  private close(reason: 'exit' | 'idle'): void {
    this.open = undefined;
    this.write('maintenance.signOut', { reason }, { type: 'maintenance.sign_out', success: true, reason });
  }

  /** One audit row and its recorder event, in one transaction (nested inside a caller's if open). */
  private write(action: string, detail: Record<string, unknown>, event: { type: string; success: boolean } & Record<string, unknown>): void {
    const at = this.clock.now();
    const { type, success, ...payload } = event;
    this.db.transaction(() => {
      this.audit.append('technician', action, detail);
      this.record({ type, success, at, payload: { ...payload, success, at: new Date(at).toISOString() } });
    })();
  }

  private attempts(): Attempt[] {
    const rows = this.db.prepare('SELECT at, success FROM sign_in_attempts ORDER BY id').all() as Array<{ at: number; success: 0 | 1 }>;
    return rows.map((r) => ({ at: r.at, success: r.success === 1 }));
  }
}
