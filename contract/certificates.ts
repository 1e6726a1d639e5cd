import { z } from 'zod';

// Identification and certificate printing (issue #6): the channels the certificate screens use.

export const certificateChannels = {
  /**
   * Fetches the identified resident's record and renders the certificate for preview. One per type
   * per session: asking again returns the same certificate (same number), never a second one.
   */
  'certificate.issue': {
    request: z.strictObject({ type: z.enum(['household', 'family-planning']) }),
    response: z.object({
      type: z.enum(['household', 'family-planning']),
      number: z.string(),
      verificationCode: z.string(),
      /** The real PDF, base64, for the on-screen preview. */
      pdf: z.string(),
      /** Already printed in this session: it will not be printed again. */
      printed: z.boolean(),
    }),
  },
  /**
   * Prints an issued certificate once; a held job (paper out) is resumed, never sent twice; a second
   * call while one is under way follows the same job. PRINT_NOT_ALLOWED carries detail.reason
   * 'printed' (already printed in this session) or 'not-issued' (not this session's certificate).
   */
  'certificate.print': {
    request: z.strictObject({ number: z.string().max(40) }),
    response: z.object({ jobId: z.string(), state: z.literal('completed') }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
