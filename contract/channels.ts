import { z } from 'zod';
import { catalogueChannels } from './catalogue';
import { certificateChannels } from './certificates';
import { maintenanceChannels } from './maintenance';
import { maintenanceAccessChannels } from './maintenance-access';
import { progressChannels } from './progress';

// Every request/response channel between the UI and the kiosk, declared once. Main validates each
// request against `request` before any handler runs; the UI can trust `response`.

const empty = z.strictObject({});

export const deviceIdSchema = z.enum(['id-card', 'ss-card', 'ticket-printer', 'page-printer']);
export const deviceStateSchema = z.enum(['online', 'offline', 'hardwareError', 'userError', 'busy', 'noDevice']);
export const supplySchema = z.enum(['full', 'low', 'out', 'jammed', 'unknown']);

export const deviceStatusSchema = z.object({
  id: deviceIdSchema,
  state: deviceStateSchema,
  detail: z.string().optional(),
  paper: supplySchema.optional(),
  since: z.string(),
});

export const syncStatusSchema = z.object({
  online: z.boolean(),
  pending: z.number().int().nonnegative(),
  oldestPendingAgeMs: z.number().nonnegative().nullable(),
  lastSuccessAt: z.string().nullable(),
  deadLetters: z.number().int().nonnegative(),
  /** False until the first exchange with the platform since start finished, either way: `online` is only a guess before. */
  probed: z.boolean().optional(),
  /** Outbox size limit (issue #4): `shedding` drops usage events, `full` refuses prints until drained. Optional for older peers. */
  outboxLimit: z.object({ level: z.enum(['ok', 'shedding', 'full']), pendingBytes: z.number().int().nonnegative(), shedEvents: z.number().int().nonnegative(), refusedEvents: z.number().int().nonnegative() }).optional(),
});

export const featureSchema = z.enum(['guides', 'certificates', 'progress', 'results', 'forms', 'slips']);

export const appInfoSchema = z.object({
  version: z.string(),
  profile: z.enum(['demo', 'production']),
  kioskId: z.string(),
  location: z.string(),
  features: z.record(featureSchema, z.boolean()),
  simulatorPanel: z.boolean(),
  /** The volume every visit starts at (a technician setting). */
  voice: z.object({ volume: z.enum(['low', 'medium', 'high']) }),
  idle: z.object({
    timeoutSeconds: z.number().int().positive(),
    elderlyTimeoutSeconds: z.number().int().positive(),
    countdownSeconds: z.number().int().positive(),
  }),
});

export const appStateSchema = z.object({
  devices: z.array(deviceStatusSchema),
  sync: syncStatusSchema,
});

export const simulatorActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('insertIdCard'), residentId: z.string().max(32) }),
  z.strictObject({ action: z.literal('removeIdCard') }),
  z.strictObject({ action: z.literal('insertSsCard'), residentId: z.string().max(32) }),
  z.strictObject({ action: z.literal('removeSsCard') }),
  z.strictObject({ action: z.literal('setTicketPaper'), level: supplySchema }),
  z.strictObject({ action: z.literal('setPagePaper'), level: supplySchema }),
  z.strictObject({ action: z.literal('setNetwork'), online: z.boolean() }),
  /** The A4 printer's next job runs out of paper part-way; setPagePaper full/low loads paper. */
  z.strictObject({ action: z.literal('pagePaperOutMidJob') }),
  /** A sample resident's ID card whose chip cannot be read (removeIdCard takes it away). */
  z.strictObject({ action: z.literal('insertUnreadableIdCard'), residentId: z.string().max(32) }),
  /** Pull a card reader's cable out (false) or plug it back (true). */
  z.strictObject({ action: z.literal('setCardReader'), reader: z.enum(['id-card', 'ss-card']), connected: z.boolean() }),
]);

export const sampleResidentSchema = z.object({ id: z.string(), label: z.string() });

export const channels = {
  'app.info': { request: empty, response: appInfoSchema },
  'app.state': { request: empty, response: appStateSchema },
  /** The idle timeout or the resident's "finish" button: forget everything about the session. */
  'session.wipe': { request: z.strictObject({ reason: z.enum(['idle', 'finished', 'home']) }), response: empty },
  'simulator.residents': { request: empty, response: z.array(sampleResidentSchema) },
  'simulator.control': { request: simulatorActionSchema, response: empty },
  /** The UI reports its own failures (already without personal data) so technicians can see them. */
  'log.report': {
    request: z.strictObject({
      level: z.enum(['warn', 'error']),
      message: z.string().max(2000),
      screen: z.string().max(64).optional(),
    }),
    response: empty,
  },
  'session.current': {
    request: empty,
    response: z.object({
      identified: z.boolean(),
      kind: z.enum(['id-card', 'ss-card']).nullable(),
      maskedName: z.string().nullable(),
      maskedNumber: z.string().nullable(),
    }),
  },
  ...certificateChannels,
  ...progressChannels,
  ...maintenanceAccessChannels,
  ...maintenanceChannels,
  ...catalogueChannels,
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;
export type SyncStatus = z.infer<typeof syncStatusSchema>;
export type AppInfo = z.infer<typeof appInfoSchema>;
export type Feature = z.infer<typeof featureSchema>;
export type SimulatorAction = z.infer<typeof simulatorActionSchema>;
