import type { z } from 'zod';

// The technician's dashboard, actions and settings (issue #7). Every request carries the token
// maintenance.unlock returned; main refuses an unknown or expired one.

export const maintenanceChannels = {} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
