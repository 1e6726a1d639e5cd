import type { Db } from '../db/database';
import type { Audience, CatalogueVersion, Department, FormInfo, Guide, ItemSummary, Level } from './types';

// Rows exactly as stored (STRICT tables); converted to domain types here and nowhere else.
export type DbVersion = {
  id: number; bundle_version: number; bundle_format: number; generated_at: string; installed_at: number;
  source: string; manifest_sha256: string; previous_id: number | null; first_key: number; last_key: number;
};
export type DbDepartment = { version_id: number; id: string; name: string; full_name: string; name_en: string; venue: string; sort: number };
export type DbItem = {
  key: number; version_id: number; id: string; title: string; title_en: string; department_id: string;
  supervising_department_id: string | null; audience: string; level: string; popularity: number;
  pinyin_full: string; pinyin_initials: string; aliases: string; life_events: string; guide: string;
};
export type DbItemSummary = Pick<DbItem, 'key' | 'id' | 'title' | 'title_en' | 'department_id' | 'audience' | 'level' | 'popularity' | 'life_events'> & {
  department_name: string; department_name_en: string;
};
export type DbForm = {
  version_id: number; id: string; title: string; title_en: string; department_id: string; audience: string;
  used_by: string; blank_sha256: string; sample_sha256: string;
};

const audience = (value: string): Audience => (value === 'legal' ? 'legal' : 'personal');
const level = (value: string): Level => (value === 'street' ? 'street' : 'district');
const strings = (json: string): string[] => JSON.parse(json) as string[];

export const summarySelect = `
  SELECT i.key, i.id, i.title, i.title_en, i.department_id, i.audience, i.level, i.popularity, i.life_events,
         d.name AS department_name, d.name_en AS department_name_en
  FROM catalogue_items i JOIN catalogue_departments d ON d.version_id = i.version_id AND d.id = i.department_id`;

export function toSummary(row: DbItemSummary): ItemSummary {
  return {
    id: row.id, title: row.title, titleEn: row.title_en, departmentId: row.department_id,
    departmentName: row.department_name, departmentNameEn: row.department_name_en,
    audience: audience(row.audience), level: level(row.level), popularity: row.popularity, lifeEvents: strings(row.life_events),
  };
}

export const toGuide = (json: string): Guide => JSON.parse(json) as Guide;

export function toForm(row: DbForm): FormInfo {
  return { id: row.id, title: row.title, titleEn: row.title_en, departmentId: row.department_id, audience: audience(row.audience), usedBy: strings(row.used_by) };
}

export function toDepartment(row: DbDepartment & { item_count: number }): Department {
  return { id: row.id, name: row.name, fullName: row.full_name, nameEn: row.name_en, venue: row.venue, itemCount: row.item_count };
}

export function toVersion(row: DbVersion, itemCount: number): CatalogueVersion {
  return {
    id: row.id, bundleVersion: row.bundle_version, generatedAt: row.generated_at,
    installedAt: new Date(row.installed_at).toISOString(), source: row.source, itemCount,
  };
}

/** The version residents see, or null before the first install. */
export function activeVersionRow(db: Db): DbVersion | null {
  return (db.prepare(`SELECT v.* FROM catalogue_active a JOIN catalogue_versions v ON v.id = a.version_id WHERE a.slot = 1`).get() as DbVersion | undefined) ?? null;
}
