import type { z } from 'zod';

// Progress and result queries, result documents, slips and queue tickets (issue #6).

export const progressChannels = {} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
