import { z } from 'zod';

// Getting into maintenance mode (issue #7): PIN, technician card, signing out, self-tests.
// Every channel except unlock and technicianCard carries the token unlock returned; main checks it
// (and keeps the session alive) before anything else.

const token = z.string().min(1).max(100);

/** What a technician can self-test from the screen. */
export const SELF_TESTS = ['page-printer', 'ticket-printer', 'card-reader', 'platform', 'database'] as const;
export const selfTestSchema = z.enum(SELF_TESTS);
export type SelfTest = z.infer<typeof selfTestSchema>;

export const selfTestResultSchema = z.object({
  test: selfTestSchema,
  ok: z.boolean(),
  /** Plain words for the technician (already masked: a card shows as 张* 440105********9994). */
  detail: z.string(),
  /** Error code when it failed (PRINTER_OUT_OF_PAPER, PLATFORM_UNREACHABLE, …). */
  code: z.string().nullable(),
  /** Facts the screen shows as a list: job id and state, masked card fields, quick_check answer… */
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  ms: z.number().nonnegative(),
  at: z.string(),
});
export type SelfTestResult = z.infer<typeof selfTestResultSchema>;

/** A technician card the reader holds right now (masked), if any. */
export const technicianCardSchema = z.object({ maskedCard: z.string() }).nullable();

export const maintenanceAccessChannels = {
  /** PIN (after the hidden gesture). With a technician card in the reader it signs in card + PIN. */
  'maintenance.unlock': {
    request: z.strictObject({ pin: z.string().regex(/^\d{4,12}$/) }),
    response: z.object({ token: z.string() }),
  },
  /** Whether a listed technician card is in the reader (the PIN screen asks when it opens). */
  'maintenance.technicianCard': {
    request: z.strictObject({}),
    response: technicianCardSchema,
  },
  'maintenance.signOut': {
    request: z.strictObject({ token }),
    response: z.strictObject({}),
  },
  /** Runs one self-test through the real path (printers, reader, platform, database) and audits it. */
  'maintenance.selfTest': {
    request: z.strictObject({ token, test: selfTestSchema }),
    response: selfTestResultSchema,
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

/** Events for the maintenance PIN screen (spread into contract/events.ts). */
export const maintenanceAccessEvents = {
  /** A listed technician card was presented or taken away; it never starts a resident session. */
  'maintenance.technicianCard': technicianCardSchema,
} as const satisfies Record<string, z.ZodType>;
