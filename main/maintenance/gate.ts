import { KioskError } from '../../contract';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/database';
import type { Clock, IdSource } from '../util/clock';
import { lockState, verifyPin, type Attempt } from './pin';

/** Hooks for events that must leave the kiosk with the attempt (the outbox, once wired). */
export type GateRecorder = (event: { type: 'maintenance.signIn'; success: boolean; at: number }) => void;

/**
 * The door to maintenance mode: PIN check with a restart-proof lockout; every attempt is written
 * to the sign-in table and the audit log in one transaction.
 */
export class MaintenanceGate {
  /** A technician's session ends after this long without a maintenance request (KIOSK-UX: 5 minutes). */
  static readonly IDLE_MS = 5 * 60_000;
  /** The one open maintenance session: its token and when it was last used. */
  private open: { token: string; lastUsed: number } | undefined;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly pinHash: () => string | null,
    private readonly record: GateRecorder = () => {},
  ) {}

  unlock(pin: string): { token: string } {
    const hash = this.pinHash();
    if (!hash) throw new KioskError('NOT_AVAILABLE', 'no technician PIN is configured for this kiosk');
    const now = this.clock.now();
    const before = lockState(this.attempts(), now);
    if (before.locked) {
      this.db.transaction(() => this.audit.append('technician', 'maintenance.signIn.refused', { reason: 'locked', until: before.until }))();
      throw new KioskError('PIN_LOCKED', 'maintenance entry is locked after too many wrong PINs', { until: before.until });
    }
    const success = verifyPin(pin, hash);
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO sign_in_attempts (at, method, success) VALUES (?, ?, ?)').run(now, 'pin', success ? 1 : 0);
      this.audit.append('technician', success ? 'maintenance.signIn' : 'maintenance.signIn.failed', { method: 'pin' });
      this.record({ type: 'maintenance.signIn', success, at: now });
    })();
    if (success) {
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
      this.open = undefined;
      this.db.transaction(() => this.audit.append('technician', 'maintenance.signOut', { reason: 'idle' }))();
      throw new KioskError('FORBIDDEN', 'the maintenance session ended after five minutes without a touch');
    }
    open.lastUsed = now;
  }

  /** Ends the maintenance session (the technician's exit, or the screen's own inactivity timer). */
  signOut(token: string, reason: 'exit' | 'idle'): void {
    if (this.open?.token !== token) return;
    this.open = undefined;
    this.db.transaction(() => this.audit.append('technician', 'maintenance.signOut', { reason }))();
  }

  private attempts(): Attempt[] {
    const rows = this.db.prepare('SELECT at, success FROM sign_in_attempts ORDER BY id').all() as Array<{ at: number; success: 0 | 1 }>;
    return rows.map((r) => ({ at: r.at, success: r.success === 1 }));
  }
}
