import { z } from 'zod';
import { deviceStatusSchema, syncStatusSchema } from './channels';
import { ERROR_CODES } from './errors';
import { maintenanceAccessEvents } from './maintenance-access';

// Events main sends to the UI. Payloads carry only masked personal data.

export const events = {
  'device.status': deviceStatusSchema,
  'sync.status': syncStatusSchema,
  'card.inserted': z.object({
    kind: z.enum(['id-card', 'ss-card']),
    maskedName: z.string(),
    maskedNumber: z.string(),
  }),
  'card.removed': z.object({ kind: z.enum(['id-card', 'ss-card']) }),
  /** A card was read but cannot start a session (expired, not a social-security card, mismatch…). */
  'card.rejected': z.object({ kind: z.enum(['id-card', 'ss-card']), code: z.enum(ERROR_CODES) }),
  /** Main wiped the session (idle, new card, technician): the UI drops every screen that held it. */
  'session.wiped': z.object({ reason: z.string() }),
  /**
   * A technician asked for a fresh UI (maintenance.reloadUi): the page reloads itself. The browser
   * shell passes the fragment the page needs to reconnect (its own secret, which the page removed
   * from the address at start); Electron passes ''.
   */
  'ui.reload': z.object({ fragment: z.string().max(200) }),
  ...maintenanceAccessEvents,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
