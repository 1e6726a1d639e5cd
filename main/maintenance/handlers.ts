import type { Handlers } from '../ipc/router';
import type { KioskParts } from '../kiosk-parts';

/** The technician's dashboard, self-tests, actions and settings (contract/maintenance.ts). */
export function maintenanceHandlers(_parts: KioskParts): Pick<Handlers, never> {
  return {};
}
