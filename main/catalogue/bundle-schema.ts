import { z } from 'zod';

// The catalogue bundle (fixtures/catalogue/README.md): `catalogue.json` plus the form PDFs it names.
// The platform signs the directory as-is; the installer parses catalogue.json with this schema and
// checks every file's length and SHA-256 before anything is written.

const text = z.string().trim().min(1);
const pinyinKeys = z.strictObject({ full: z.string().regex(/^[a-z0-9]*$/), initials: z.string().regex(/^[a-z0-9]*$/) });
const fileRef = z.strictObject({
  // Relative, inside forms/, no traversal: the name comes from a signed but still external document.
  file: z.string().regex(/^forms\/[A-Za-z0-9_-]+\.pdf$/),
  bytes: z.number().int().positive().max(20_000_000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const audienceSchema = z.enum(['personal', 'legal']);
export const levelSchema = z.enum(['district', 'street']);

export const bundleDepartmentSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: text,
  fullName: text,
  nameEn: text,
  venue: text,
  sort: z.number().int(),
  pinyin: pinyinKeys,
});

export const bundleMaterialSchema = z.strictObject({
  name: text,
  form: z.enum(['原件', '复印件', '原件及复印件']),
  copies: z.number().int().positive(),
  required: z.boolean(),
  note: text.optional(),
});

export const bundleItemSchema = z.strictObject({
  id: z.string().regex(/^[A-Z0-9-]+$/),
  title: text,
  titleEn: text,
  departmentId: text,
  supervisingDepartmentId: text.nullable(),
  audience: audienceSchema,
  level: levelSchema,
  itemType: text,
  itemTypeEn: text,
  legalBasis: z.array(text).min(1),
  conditions: z.array(text).min(1),
  materials: z.array(bundleMaterialSchema).min(1),
  formIds: z.array(text),
  process: z.array(z.strictObject({ name: text, detail: text })).min(1),
  timeLimit: z.strictObject({
    legalDays: z.number().int().positive().nullable(),
    promisedDays: z.number().int().nonnegative(),
    text,
  }),
  fee: text,
  venue: text,
  channels: z.strictObject({ kiosk: z.boolean(), online: z.boolean(), wechat: z.boolean() }),
  lifeEvents: z.array(text),
  aliases: z.array(text),
  popularity: z.number().int().positive(),
  pinyin: pinyinKeys,
  aliasPinyin: z.array(pinyinKeys.extend({ text })),
});

export const bundleFormSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  title: text,
  titleEn: text,
  departmentId: text,
  audience: audienceSchema,
  usedBy: z.array(text),
  blank: fileRef,
  sample: fileRef,
});

export const catalogueBundleSchema = z
  .strictObject({
    format: z.literal(1),
    version: z.number().int().positive(),
    generatedAt: z.iso.datetime(),
    region: z.strictObject({ code: text, name: text, nameEn: text }),
    lifeEvents: z.array(z.strictObject({ id: text, name: text, nameEn: text })),
    departments: z.array(bundleDepartmentSchema).min(1),
    items: z.array(bundleItemSchema).min(1),
    forms: z.array(bundleFormSchema),
  })
  .superRefine((bundle, ctx) => {
    const unique = (values: string[], what: string) => {
      const seen = new Set<string>();
      for (const value of values) {
        if (seen.has(value)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} ${value}` });
        seen.add(value);
      }
      return seen;
    };
    const departments = unique(bundle.departments.map((d) => d.id), 'department id');
    const forms = unique(bundle.forms.map((f) => f.id), 'form id');
    const events = unique(bundle.lifeEvents.map((e) => e.id), 'life event');
    unique(bundle.items.map((i) => i.id), 'item id');
    unique(bundle.items.map((i) => i.title), 'item title');
    for (const item of bundle.items) {
      if (!departments.has(item.departmentId)) ctx.addIssue({ code: 'custom', message: `item ${item.id}: unknown department ${item.departmentId}` });
      if (item.supervisingDepartmentId !== null && !departments.has(item.supervisingDepartmentId)) {
        ctx.addIssue({ code: 'custom', message: `item ${item.id}: unknown supervising department` });
      }
      for (const id of item.formIds) if (!forms.has(id)) ctx.addIssue({ code: 'custom', message: `item ${item.id}: unknown form ${id}` });
      for (const id of item.lifeEvents) if (!events.has(id)) ctx.addIssue({ code: 'custom', message: `item ${item.id}: unknown life event ${id}` });
    }
  });

export type CatalogueBundle = z.infer<typeof catalogueBundleSchema>;
export type BundleItem = z.infer<typeof bundleItemSchema>;
export type BundleDepartment = z.infer<typeof bundleDepartmentSchema>;
export type BundleForm = z.infer<typeof bundleFormSchema>;
