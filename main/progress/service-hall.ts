import { z } from 'zod';
import type { Db } from '../db/database';
import { readPlatformConfig } from '../sync/update-targets';

/**
 * Where the kiosk stands decides whether it hands out queue numbers. The hall and its service
 * categories come from the platform's signed configuration (`serviceHall` in config.json), so the
 * district can move a kiosk or change a hall's counters without touching the machine; a kiosk
 * whose configuration names no hall offers receipts and slips only. The demo profile, whose
 * simulator publishes no such setting, stands in a sample hall.
 */
export const serviceHallSchema = z.strictObject({
  name: z.string().min(1).max(60),
  nameEn: z.string().min(1).max(80),
  categories: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]{1,40}$/),
        name: z.string().min(1).max(30),
        nameEn: z.string().min(1).max(60),
        /** The letter(s) in front of the number: A012. */
        prefix: z.string().regex(/^[A-Z]{1,2}$/),
      }),
    )
    .min(1)
    .max(12),
});

export type ServiceHall = z.infer<typeof serviceHallSchema>;
export type QueueCategory = ServiceHall['categories'][number];

export const DEMO_HALL: ServiceHall = {
  name: '江南中街道便民服务中心',
  nameEn: 'Jiangnanzhong Street Service Centre',
  categories: [
    { id: 'social-security', name: '社保医保', nameEn: 'Social and medical insurance', prefix: 'A' },
    { id: 'household', name: '户籍证明', nameEn: 'Household registration', prefix: 'B' },
    { id: 'civil-affairs', name: '民政救助', nameEn: 'Civil affairs and relief', prefix: 'C' },
    { id: 'general', name: '综合咨询', nameEn: 'General enquiries', prefix: 'D' },
  ],
};

/** The hall from the installed platform configuration; the sample hall in the demo; else null. */
export function serviceHallOf(db: Db, demo: boolean): ServiceHall | null {
  const configured = readPlatformConfig(db)?.values.serviceHall;
  if (configured !== undefined) {
    const parsed = serviceHallSchema.safeParse(configured);
    if (parsed.success) return parsed.data;
  }
  return demo ? DEMO_HALL : null;
}

/**
 * Checks `serviceHall` of a platform configuration: a malformed hall refuses the config update
 * (semantic check) instead of silently leaving the kiosk without queue numbers.
 */
export function checkServiceHallConfig(values: Record<string, unknown> | undefined): void {
  if (values?.serviceHall === undefined) return;
  const parsed = serviceHallSchema.safeParse(values.serviceHall);
  if (!parsed.success) throw new Error(`serviceHall: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
}
