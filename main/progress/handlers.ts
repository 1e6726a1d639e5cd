import type { Handlers } from '../ipc/router';
import type { KioskParts } from '../kiosk-parts';

/** Progress and result queries, result documents, slips and queue tickets (contract/progress.ts). */
export function progressHandlers(_parts: KioskParts): Pick<Handlers, never> {
  return {};
}
