import type { IdCardIdentity } from '../../devices/id-card';
import type { SsCardIdentity } from '../../devices/ss-card';

/**
 * Cards that belong to maintenance rather than to a resident: a listed technician card, or any
 * card while a card-reader self-test waits for one. The card listener asks the claimer before it
 * starts a resident session; a claimed card never reaches the session nor the card.* events.
 *
 * Registered per resident session (the object the card listener already holds), so wiring it
 * needs no change to the composition root, and two kiosks in one test process stay apart.
 */
export type CardClaimer = {
  /** True when the card is maintenance's: the listener then does nothing else with it. */
  idCard(identity: IdCardIdentity): boolean;
  ssCard(identity: SsCardIdentity): boolean;
  /** True when the card taken away was a claimed one (no card.removed event for residents). */
  removed(kind: 'id-card' | 'ss-card'): boolean;
};

const claimers = new WeakMap<object, CardClaimer>();

export function setCardClaimer(session: object, claimer: CardClaimer): () => void {
  claimers.set(session, claimer);
  return () => {
    if (claimers.get(session) === claimer) claimers.delete(session);
  };
}

export function cardClaimer(session: object): CardClaimer | undefined {
  return claimers.get(session);
}
