import type { Handlers } from '../ipc/router';
import type { KioskParts } from '../kiosk-parts';

/** Getting into maintenance mode (contract/maintenance-access.ts). */
export function maintenanceAccessHandlers({ gate }: KioskParts): Pick<Handlers, 'maintenance.unlock'> {
  return {
    'maintenance.unlock': ({ pin }) => gate.unlock(pin),
  };
}
