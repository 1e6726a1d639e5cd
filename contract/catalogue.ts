import { z } from 'zod';

// The service catalogue as the UI sees it. Responses are produced by main/catalogue (typed there
// and checked against these shapes by tsc); requests are validated here at run time.

export type Audience = 'personal' | 'legal';
export type Level = 'district' | 'street';

export type CatalogueDepartment = { id: string; name: string; fullName: string; nameEn: string; venue: string; itemCount: number };
export type LifeEvent = { id: string; name: string; nameEn: string };

export type CatalogueItemSummary = {
  id: string;
  title: string;
  titleEn: string;
  departmentId: string;
  departmentName: string;
  departmentNameEn: string;
  audience: Audience;
  level: Level;
  popularity: number;
  lifeEvents: string[];
};

export type CatalogueMaterial = { name: string; form: string; copies: number; required: boolean; note?: string | undefined };

export type CatalogueGuide = {
  itemType: string;
  itemTypeEn: string;
  legalBasis: string[];
  conditions: string[];
  materials: CatalogueMaterial[];
  process: { name: string; detail: string }[];
  timeLimit: { legalDays: number | null; promisedDays: number; text: string };
  fee: string;
  venue: string;
  channels: { kiosk: boolean; online: boolean; wechat: boolean };
};

export type CatalogueForm = { id: string; title: string; titleEn: string; departmentId: string; audience: Audience; usedBy: string[] };

export type CatalogueItemDetail = CatalogueItemSummary & {
  supervisingDepartmentId: string | null;
  aliases: string[];
  guide: CatalogueGuide;
  forms: CatalogueForm[];
};

export type HighlightSegment = { text: string; match: boolean };

export type CatalogueSearchResult = {
  item: CatalogueItemSummary;
  matchedBy: string;
  highlight: HighlightSegment[];
  alias?: { text: string; highlight: HighlightSegment[] } | undefined;
};

export const audienceSchema = z.enum(['personal', 'legal']);
export const levelSchema = z.enum(['district', 'street']);
const id = z.string().min(1).max(80);

export const catalogueChannels = {
  'catalogue.overview': {
    request: z.strictObject({}),
    response: z.custom<{ version: number | null; items: number; departments: CatalogueDepartment[]; lifeEvents: LifeEvent[] }>(),
  },
  'catalogue.items': {
    request: z.strictObject({
      department: id.optional(),
      audience: audienceSchema.optional(),
      level: levelSchema.optional(),
      lifeEvent: id.optional(),
    }),
    response: z.custom<CatalogueItemSummary[]>(),
  },
  'catalogue.item': { request: z.strictObject({ id }), response: z.custom<CatalogueItemDetail>() },
  'catalogue.search': {
    request: z.strictObject({
      query: z.string().max(40),
      department: id.optional(),
      audience: audienceSchema.optional(),
      level: levelSchema.optional(),
      limit: z.number().int().min(1).max(100).optional(),
    }),
    response: z.custom<CatalogueSearchResult[]>(),
  },
  'catalogue.forms': { request: z.strictObject({ query: z.string().max(40).optional() }), response: z.custom<CatalogueForm[]>() },
  /** Prints a guide, a blank form or a filled-in sample on the A4 printer and follows the job. */
  'catalogue.print': {
    request: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('guide'), itemId: id }),
      z.strictObject({ kind: z.literal('form'), formId: id, variant: z.enum(['blank', 'sample']) }),
    ]),
    response: z.object({ jobId: z.string(), state: z.literal('completed') }),
  },
  /** Queues the item's forms to be e-mailed (through the outbox: sent when the kiosk is online). */
  'catalogue.email': {
    request: z.strictObject({ itemId: id, email: z.string().max(254) }),
    response: z.object({ queued: z.literal(true), online: z.boolean() }),
  },
} as const;
