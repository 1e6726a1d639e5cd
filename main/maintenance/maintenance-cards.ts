import { KioskError } from '../../contract';
import type { IdCardIdentity } from '../../devices/id-card';
import type { SsCardIdentity } from '../../devices/ss-card';
import type { EventBus } from '../ipc/event-bus';
import { createLogger } from '../log/logger';
import { maskCardNumber, maskIdNumber, maskName } from '../privacy/mask';
import type { CardClaimer } from './card-claims';
import type { MaintenanceGate } from './gate';
import { verifyCardNumber } from './pin';

const log = createLogger('maintenance-cards');

/** A card a self-test read, as the technician's screen shows it: masked fields only. */
export type CardRead = { kind: 'id-card' | 'ss-card'; facts: Array<{ label: string; value: string }> };

/**
 * The cards maintenance takes for itself (see card-claims.ts):
 * - a social-security card whose number matches one of the configured technician-card hashes:
 *   the gate audits it and the next correct PIN signs in as card + PIN; the PIN screen hears of it
 *   through the `maintenance.technicianCard` event. It never starts a resident session.
 * - any card while a card-reader self-test waits for one.
 */
export class MaintenanceCards implements CardClaimer {
  private selfTest: { resolve(card: CardRead): void; reject(error: unknown): void; timer: NodeJS.Timeout } | undefined;
  /** The kind of card a self-test read that is still in its reader (its removal is ours too). */
  private selfTestCardIn: 'id-card' | 'ss-card' | undefined;
  private technicianCardIn = false;

  constructor(
    private readonly gate: MaintenanceGate,
    private readonly technicianCardHashes: () => readonly string[],
    private readonly events: EventBus,
  ) {}

  idCard(identity: IdCardIdentity): boolean {
    if (!this.selfTest) return false;
    this.deliver('id-card', [
      { label: 'name', value: maskName(identity.name) },
      { label: 'idNumber', value: maskIdNumber(identity.idNumber) },
      { label: 'validTo', value: identity.validTo },
    ]);
    return true;
  }

  ssCard(identity: SsCardIdentity): boolean {
    if (this.selfTest) {
      this.deliver('ss-card', [
        { label: 'name', value: maskName(identity.name) },
        { label: 'idNumber', value: maskIdNumber(identity.ssn) },
        { label: 'cardNumber', value: maskCardNumber(identity.cardNumber) },
        { label: 'cardVersion', value: identity.version },
      ]);
      return true;
    }
    if (!this.isTechnicianCard(identity.cardNumber)) return false;
    const maskedCard = maskCardNumber(identity.cardNumber);
    this.technicianCardIn = true;
    this.gate.technicianCardPresented(maskedCard);
    log.info({ card: maskedCard }, 'technician card presented');
    this.events.publish('maintenance.technicianCard', { maskedCard });
    return true;
  }

  removed(kind: 'id-card' | 'ss-card'): boolean {
    if (this.selfTestCardIn === kind) {
      this.selfTestCardIn = undefined;
      return true;
    }
    if (kind !== 'ss-card' || !this.technicianCardIn) return false;
    this.technicianCardIn = false;
    this.gate.technicianCardRemoved();
    this.events.publish('maintenance.technicianCard', null);
    return true;
  }

  /** The technician card in the reader now, if any (the PIN screen asks when it opens). */
  technicianCard(): { maskedCard: string } | null {
    const card = this.technicianCardIn ? this.gate.technicianCard() : undefined;
    return card ? { maskedCard: card.maskedCard } : null;
  }

  /** The next card presented (either reader) belongs to the self-test that waits for it. */
  waitForSelfTestCard(waitMs: number): Promise<CardRead> {
    if (this.selfTest) return Promise.reject(new KioskError('NOT_AVAILABLE', 'a card-reader self-test is already waiting for a card'));
    return new Promise<CardRead>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.selfTest = undefined;
        reject(new KioskError('CARD_READ_FAILED', `no card was read within ${Math.round(waitMs / 1000)} s`));
      }, waitMs);
      this.selfTest = { resolve, reject, timer };
    });
  }

  cancelSelfTestCard(error: unknown): void {
    const waiting = this.selfTest;
    if (!waiting) return;
    this.selfTest = undefined;
    clearTimeout(waiting.timer);
    waiting.reject(error);
  }

  private deliver(kind: 'id-card' | 'ss-card', facts: CardRead['facts']): void {
    const waiting = this.selfTest;
    if (!waiting) return;
    this.selfTest = undefined;
    this.selfTestCardIn = kind;
    clearTimeout(waiting.timer);
    waiting.resolve({ kind, facts });
  }

  /** scrypt per listed card (tens of ms each): a handful of technicians is fine. */
  private isTechnicianCard(cardNumber: string): boolean {
    return this.technicianCardHashes().some((hash) => verifyCardNumber(cardNumber, hash));
  }
}
