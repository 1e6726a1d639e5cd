import { KioskError } from '../../contract';
import type { IdCardIdentity } from '../../devices/id-card';
import type { SsCardIdentity } from '../../devices/ss-card';
import type { CardListener } from '../devices/device-hub';
import type { EventBus } from '../ipc/event-bus';
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
      events.publish('card.removed', { kind });
    },
  };
}
