import { z } from 'zod';

// Configuration: defaults → JSON file → KIOSK_* environment, validated here. A bad value stops
// start-up with a message naming the field; production never falls back to simulators silently.

/** A device setting: `sim` selects the simulator (demo profile only), anything else names real hardware. */
const deviceSetting = z.string().min(1);

export const configSchema = z.strictObject({
  profile: z.enum(['demo', 'production']),
  kioskId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, 'letters, digits, - and _ (2–64)'),
  location: z.string().min(1).max(200),
  dataDir: z.string().min(1),
  platform: z.strictObject({
    /** `sim` starts the platform simulator on loopback (demo); otherwise an https:// URL (http:// only for loopback). */
    url: z.string().min(1),
    /** Per-kiosk credential provisioned by a technician (a file readable only by the kiosk's user). */
    credentialFile: z.string().optional(),
    /** Optional pinned CA certificate (PEM) for the platform's HTTPS. */
    caFile: z.string().optional(),
  }),
  devices: z.strictObject({
    idReaderPort: deviceSetting,
    ssReader: deviceSetting,
    ticketPrinterPort: deviceSetting,
    pagePrinter: deviceSetting,
  }),
  idle: z.strictObject({
    timeoutSeconds: z.number().int().min(15).max(3600),
    elderlyTimeoutSeconds: z.number().int().min(15).max(7200),
    countdownSeconds: z.number().int().min(5).max(120),
  }),
  maintenance: z.strictObject({
    /** scrypt hash made by `kioskctl hash-pin`; null disables maintenance entry. */
    pinHash: z.string().regex(/^scrypt\$/).nullable(),
    /**
     * Technician cards (social-security card numbers) that may sign in, followed by the PIN; each a
     * salted scrypt hash made by `kioskctl hash-card`, so the file never holds a number in clear.
     */
    technicianCards: z.array(z.string().regex(/^scrypt\$/, 'a hash made by kioskctl hash-card')).default([]),
  }),
  trust: z.strictObject({
    /** Ed25519 public keys (hex or base64) trusted to sign catalogue and config updates. */
    rootKeys: z.array(z.string()).default([]),
    threshold: z.number().int().min(1).default(1),
  }),
  log: z.strictObject({
    level: z.enum(['debug', 'info', 'warn', 'error']),
    maxBytes: z.number().int().min(10_000),
    keep: z.number().int().min(1).max(50),
  }),
  browserShell: z.strictObject({
    /** Loopback port for `npm run start:browser`; 0 picks a free one. */
    port: z.number().int().min(0).max(65535),
  }),
  /** Spoken prompts: the volume each visit starts at (a technician setting; residents can change it per visit). */
  voice: z.strictObject({ volume: z.enum(['low', 'medium', 'high']) }).default({ volume: 'medium' }),
  /** Devtools in the demo profile only, behind KIOSK_DEVTOOLS=1. */
  devtools: z.boolean(),
});

export type KioskConfig = z.infer<typeof configSchema>;
export type DeviceSettings = KioskConfig['devices'];
