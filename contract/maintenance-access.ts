import { z } from 'zod';

// Getting into maintenance mode (issue #7): PIN, technician card, signing out.

export const maintenanceAccessChannels = {
  'maintenance.unlock': {
    request: z.strictObject({ pin: z.string().regex(/^\d{4,12}$/) }),
    response: z.object({ token: z.string() }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
