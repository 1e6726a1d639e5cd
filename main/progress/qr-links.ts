import { z } from 'zod';

/**
 * Where the QR codes on slips lead. The district's addresses come from the platform's signed
 * configuration (`qrLinks` in config.json) so they can change without touching a kiosk; until the
 * platform names them, these defaults are printed. `{number}` is the application or queue number,
 * `{kiosk}` this kiosk's id; both are URL-encoded when filled in.
 */
export const DEFAULT_QR_LINKS = {
  case: 'https://zwfw.haizhu.gov.cn/progress?no={number}',
  queue: 'https://zwfw.haizhu.gov.cn/queue?k={kiosk}&n={number}',
} as const;

export type QrLinks = { case: string; queue: string };

const PLACEHOLDER = /\{([a-z]+)\}/g;
const FIELDS = new Set(['number', 'kiosk']);

// A QR on paper must stay small enough to scan from a thermal print: short https links only.
const template = z
  .string()
  .max(160)
  .refine((t) => t.startsWith('https://'), 'must be an https:// address')
  .refine((t) => t.includes('{number}'), 'must contain {number}')
  .refine((t) => [...t.matchAll(PLACEHOLDER)].every((m) => FIELDS.has(m[1] ?? '')), 'knows only {number} and {kiosk}')
  .refine((t) => URL.canParse(fill(t, { number: 'HZ-20261120-001283', kiosk: 'K' })), 'is not a valid address once filled in');

export const qrLinksSchema = z.strictObject({ case: template, queue: template }).partial();

/**
 * Checks `qrLinks` of a platform configuration: throws (the config update is then refused as a
 * semantic error) when it is present and malformed.
 */
export function checkQrLinksConfig(values: Record<string, unknown> | undefined): void {
  if (values?.qrLinks === undefined) return;
  const parsed = qrLinksSchema.safeParse(values.qrLinks);
  if (!parsed.success) throw new Error(`qrLinks: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
}

/** The links to print: each the platform's where it set a valid one, the default otherwise. */
export function qrLinksOf(values: Record<string, unknown> | undefined): QrLinks {
  const raw = (values?.qrLinks ?? {}) as Record<string, unknown>;
  const pick = (key: keyof QrLinks) => {
    const parsed = template.safeParse(raw[key]);
    return parsed.success ? parsed.data : DEFAULT_QR_LINKS[key];
  };
  return { case: pick('case'), queue: pick('queue') };
}

export function fill(template: string, fields: { number: string; kiosk: string }): string {
  return template.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(fields[name as keyof typeof fields] ?? ''));
}
