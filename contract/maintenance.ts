import { z } from 'zod';

// The technician's dashboard, actions and settings (issue #7). Every request carries the token
// maintenance.unlock returned; main refuses an unknown or expired one (FORBIDDEN).
// The device and sync shapes repeat channels.ts on purpose: channels.ts spreads this file, so
// importing from it would be a cycle.

const token = z.string().min(1).max(200);
const withToken = z.strictObject({ token });
const done = z.object({ at: z.string() });

export const printerIdSchema = z.enum(['page-printer', 'ticket-printer']);
export const volumeSchema = z.enum(['low', 'medium', 'high']);

/** The settings a technician may change on the kiosk; persisted in <dataDir>/settings.json. */
export const technicianSettingsSchema = z.strictObject({
  devices: z.strictObject({
    idReaderPort: z.string().trim().min(1).max(200),
    ssReader: z.string().trim().min(1).max(200),
    ticketPrinterPort: z.string().trim().min(1).max(200),
    /** `sim` (demo) or an ipp:// / ipps:// / http(s):// printer URI. */
    pagePrinter: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .refine((v) => v === 'sim' || /^(ipps?|https?):\/\/[^\s/]+(\/\S*)?$/.test(v), 'a printer URI such as ipp://192.168.1.20:631/ipp/print'),
  }),
  idle: z.strictObject({
    timeoutSeconds: z.number().int().min(30).max(600),
    elderlyTimeoutSeconds: z.number().int().min(30).max(1200),
    countdownSeconds: z.number().int().min(10).max(120),
  }),
  voice: z.strictObject({ volume: volumeSchema }),
}).refine((s) => s.idle.elderlyTimeoutSeconds >= s.idle.timeoutSeconds, {
  path: ['idle', 'elderlyTimeoutSeconds'],
  message: 'elderly mode must give at least as much time as the normal mode',
});

const deviceRowSchema = z.object({
  id: z.enum(['id-card', 'ss-card', 'ticket-printer', 'page-printer']),
  state: z.enum(['online', 'offline', 'hardwareError', 'userError', 'busy', 'noDevice']),
  detail: z.string().nullable(),
  since: z.string(),
  lastError: z.object({ state: z.string(), detail: z.string().nullable(), at: z.string() }).nullable(),
});

const paperRowSchema = z.object({
  printer: printerIdSchema,
  paper: z.enum(['full', 'low', 'out', 'jammed', 'unknown']),
  lastRefillAt: z.string().nullable(),
  /** A4 sheets (page printer) or tickets (ticket printer) printed since the last refill. */
  printedSinceRefill: z.number().int().nonnegative(),
});

const versionRowSchema = z.object({
  version: z.number().int(),
  installedAt: z.string(),
  source: z.string(),
  active: z.boolean(),
});

const updateAttemptSchema = z.object({
  role: z.string(),
  version: z.number().int().nullable(),
  outcome: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});

/**
 * The request's shape only: the values themselves are checked by main against
 * technicianSettingsSchema, so a wrong value is answered SETTING_INVALID naming the field (not
 * INVALID_REQUEST, which the screen cannot explain).
 */
export const technicianSettingsInputSchema = z.strictObject({
  devices: z.strictObject({
    idReaderPort: z.string().max(300),
    ssReader: z.string().max(300),
    ticketPrinterPort: z.string().max(300),
    pagePrinter: z.string().max(300),
  }),
  idle: z.strictObject({ timeoutSeconds: z.number(), elderlyTimeoutSeconds: z.number(), countdownSeconds: z.number() }),
  voice: z.strictObject({ volume: z.string().max(20) }),
});

export const dashboardSchema = z.object({
  kioskId: z.string(),
  location: z.string(),
  generatedAt: z.string(),
  devices: z.array(deviceRowSchema),
  paper: z.array(paperRowSchema),
  sync: z.object({
    online: z.boolean(),
    pending: z.number().int().nonnegative(),
    oldestPendingAgeMs: z.number().nonnegative().nullable(),
    lastSuccessAt: z.string().nullable(),
    deadLetters: z.number().int().nonnegative(),
  }),
  catalogue: z.object({
    active: z.number().int().nullable(),
    previous: z.number().int().nullable(),
    versions: z.array(versionRowSchema),
  }),
  config: z.object({ installed: z.number().int().nullable() }),
  updates: z.array(updateAttemptSchema),
  storage: z.object({
    diskFreeBytes: z.number().nonnegative().nullable(),
    diskTotalBytes: z.number().nonnegative().nullable(),
    databaseBytes: z.number().nonnegative(),
    walBytes: z.number().nonnegative(),
  }),
  versions: z.object({
    app: z.string(),
    electron: z.string().nullable(),
    chromium: z.string().nullable(),
    node: z.string(),
  }),
  uptimeMs: z.number().nonnegative(),
  startedAt: z.string(),
  lastStop: z.object({
    kind: z.enum(['first-start', 'clean', 'crash']),
    reason: z.string().nullable(),
    at: z.string().nullable(),
  }),
});

export const logLineSchema = z.object({ at: z.string().nullable(), level: z.string(), module: z.string().nullable(), message: z.string() });

export const maintenanceChannels = {
  'maintenance.dashboard': { request: withToken, response: dashboardSchema },
  'maintenance.paperRefilled': { request: z.strictObject({ token, printer: printerIdSchema }), response: done },
  'maintenance.syncNow': {
    request: withToken,
    response: z.object({ online: z.boolean(), pending: z.number().int(), deadLetters: z.number().int() }),
  },
  'maintenance.retryDeadLetters': {
    request: withToken,
    response: z.object({ requeued: z.number().int().nonnegative(), cleared: z.number().int().nonnegative() }),
  },
  'maintenance.catalogueRollback': { request: withToken, response: z.object({ version: z.number().int() }) },
  'maintenance.reloadUi': { request: withToken, response: done },
  'maintenance.restart': { request: withToken, response: done },
  'maintenance.log': {
    request: z.strictObject({ token, lines: z.number().int().min(1).max(500).default(100) }),
    response: z.object({ lines: z.array(logLineSchema) }),
  },
  'maintenance.settings': { request: withToken, response: z.object({ settings: technicianSettingsSchema }) },
  'maintenance.saveSettings': {
    request: z.strictObject({ token, settings: technicianSettingsInputSchema }),
    response: z.object({ changed: z.array(z.string()), restartNeeded: z.array(z.string()) }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type MaintenanceDashboard = z.infer<typeof dashboardSchema>;
export type TechnicianSettings = z.infer<typeof technicianSettingsSchema>;
export type PrinterId = z.infer<typeof printerIdSchema>;
export type LogLine = z.infer<typeof logLineSchema>;
