import { KioskError } from '../../contract';
import type { IdCardIdentity } from '../../devices/id-card';
import type { SsCardIdentity } from '../../devices/ss-card';
import type { CardListener } from '../devices/device-hub';
import type { EventBus } from '../ipc/event-bus';
import { cardClaimer } from '../maintenance/card-claims';
import { createLogger } from '../log/logger';
import type { ResidentSession } from './resident-session';

const log = createLogger('cards');

/** Card-reader events → the resident session; a card that cannot start one is reported by code. */
export function cardListener(session: ResidentSession, events: EventBus): CardListener {
  const present = (kind: 'id-card' | 'ss-card', start: () => void) => {
    try {
      start();
    } catch (error) {
      const code = error instanceof KioskError ? error.code : 'CARD_READ_FAILED';
      if (!(error instanceof KioskError)) log.error({ err: error }, 'card could not start a session');
      events.publish('card.rejected', { kind, code });
    }
  };
  return {
    idCardInserted(identity: IdCardIdentity) {
      // A card-reader self-test's card belongs to maintenance, never to a resident session.
      if (cardClaimer(session)?.idCard(identity)) return;
      present('id-card', () =>
        session.present('id-card', {
          name: identity.name,
          idNumber: identity.idNumber,
          gender: identity.gender,
          birth: identity.birth,
          validTo: identity.validTo,
        }),
      );
    },
    ssCardInserted(identity: SsCardIdentity) {
      // A listed technician card (or a self-test's card) belongs to maintenance, never to a resident.
      if (cardClaimer(session)?.ssCard(identity)) return;
      present('ss-card', () =>
        session.present('ss-card', {
          name: identity.name,
          idNumber: identity.ssn,
          gender: identity.gender,
          birth: identity.birth,
          ssCardNumber: identity.cardNumber,
        }),
      );
    },
    rejected(kind, code) {
      events.publish('card.rejected', { kind, code });
    },
    removed(kind) {
      if (cardClaimer(session)?.removed(kind)) return;
      events.publish('card.removed', { kind });
    },
  };
}
