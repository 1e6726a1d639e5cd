import { z } from 'zod';

// Identification and certificate printing (issue #6): the channels the certificate screens use.

export const certificateChannels = {
  /** Fetches the identified resident's record and renders the certificate for preview. */
  'certificate.issue': {
    request: z.strictObject({ type: z.enum(['household', 'family-planning']) }),
    response: z.object({
      type: z.enum(['household', 'family-planning']),
      number: z.string(),
      verificationCode: z.string(),
      /** The real PDF, base64, for the on-screen preview. */
      pdf: z.string(),
    }),
  },
  /** Prints an issued certificate once; a held job (paper out) is resumed, never sent twice. */
  'certificate.print': {
    request: z.strictObject({ number: z.string().max(40) }),
    response: z.object({ jobId: z.string(), state: z.literal('completed') }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
