import type { Handlers } from '../ipc/router';
import type { KioskParts } from '../kiosk-parts';
import { kioskctlControlCommands } from '../kioskctl/control-commands';
import { setCardClaimer } from './card-claims';
import type { GateRecorder } from './gate';
import { MaintenanceCards } from './maintenance-cards';
import { MaintenanceSelfTests } from './self-tests';

/** The gate's events on the outbox, each with its own type (sign-ins, refusals, cards, sign-outs, actions). */
export const outboxGateRecorder =
  ({ outbox, db }: Pick<KioskParts, 'outbox' | 'db'>): GateRecorder =>
  (event) =>
    outbox.enqueueIn(db, { stream: 'usage', type: event.type, payload: event.payload });

/**
 * Getting into maintenance mode and the technician's self-tests (contract/maintenance-access.ts).
 * Wires the technician-card claim into the card listener, points the gate's events at the outbox,
 * and registers kioskctl's commands on the running kiosk (main/kioskctl/control-commands.ts).
 */
export function maintenanceAccessHandlers(
  parts: KioskParts,
): Pick<Handlers, 'maintenance.unlock' | 'maintenance.technicianCard' | 'maintenance.signOut' | 'maintenance.selfTest'> {
  const { gate, config, events, session, control } = parts;
  gate.recordTo(outboxGateRecorder(parts));
  const cards = new MaintenanceCards(gate, () => config.maintenance.technicianCards, events);
  parts.onStop(setCardClaimer(session, cards));
  const selfTests = new MaintenanceSelfTests(parts, cards);

  // kioskctl on the running kiosk: self-tests on the devices it holds, catalogue changes, live status.
  Object.assign(control, kioskctlControlCommands(parts, selfTests));

  return {
    'maintenance.unlock': ({ pin }) => gate.unlock(pin),
    'maintenance.technicianCard': () => cards.technicianCard(),
    // No authorize first: signing out a session that already ended (or twice) is harmless and
    // changes nothing; the gate checks the token itself.
    'maintenance.signOut': ({ token }) => {
      gate.signOut(token, 'exit');
      return {};
    },
    'maintenance.selfTest': ({ token, test }) => {
      gate.authorize(token);
      return selfTests.run(test);
    },
  };
}
