import type { Db } from '../db/database';
import {
  activeVersionRow, summarySelect, toDepartment, toForm, toGuide, toSummary, toVersion,
  type DbDepartment, type DbForm, type DbItem, type DbItemSummary, type DbVersion,
} from './catalogue-rows';
import { phraseQuery } from './han-tokens';
import { CatalogueError, type Audience, type CatalogueStats, type Department, type FormInfo, type ItemDetail, type ItemSummary, type Level } from './types';

function requireActive(db: Db): DbVersion {
  const version = activeVersionRow(db);
  if (!version) throw new CatalogueError('CATALOGUE_NOT_INSTALLED', 'no catalogue is installed');
  return version;
}

export function listDepartments(db: Db): Department[] {
  const version = requireActive(db);
  return (db.prepare(`SELECT d.*, (SELECT count(*) FROM catalogue_items i WHERE i.version_id = d.version_id AND i.department_id = d.id) AS item_count
      FROM catalogue_departments d WHERE d.version_id = ? ORDER BY d.sort`).all(version.id) as (DbDepartment & { item_count: number })[]).map(toDepartment);
}

export function listLifeEvents(db: Db): { id: string; name: string; nameEn: string }[] {
  const version = requireActive(db);
  return db.prepare('SELECT id, name, name_en AS nameEn FROM catalogue_life_events WHERE version_id = ? ORDER BY sort').all(version.id) as { id: string; name: string; nameEn: string }[];
}

/** Items for browsing, most used first. */
export function listItems(db: Db, filter: { department?: string; audience?: Audience; level?: Level; lifeEvent?: string } = {}): ItemSummary[] {
  const version = requireActive(db);
  const where = ['i.version_id = ?'];
  const params: (string | number)[] = [version.id];
  if (filter.department) {
    where.push('i.department_id = ?');
    params.push(filter.department);
  }
  if (filter.audience) {
    where.push('i.audience = ?');
    params.push(filter.audience);
  }
  if (filter.level) {
    where.push('i.level = ?');
    params.push(filter.level);
  }
  if (filter.lifeEvent) {
    where.push('EXISTS (SELECT 1 FROM json_each(i.life_events) e WHERE e.value = ?)');
    params.push(filter.lifeEvent);
  }
  return (db.prepare(`${summarySelect} WHERE ${where.join(' AND ')} ORDER BY i.popularity`).all(...params) as DbItemSummary[]).map(toSummary);
}

export function getItem(db: Db, id: string): ItemDetail | null {
  const version = requireActive(db);
  const row = db.prepare(`${summarySelect.replace('SELECT ', 'SELECT i.supervising_department_id, i.aliases, i.guide, ')} WHERE i.version_id = ? AND i.id = ?`)
    .get(version.id, id) as (DbItemSummary & Pick<DbItem, 'supervising_department_id' | 'aliases' | 'guide'>) | undefined;
  if (!row) return null;
  const guide = toGuide(row.guide);
  const formIds = (JSON.parse(row.guide) as { formIds: string[] }).formIds;
  const forms = formIds.length === 0 ? [] : (db.prepare(`SELECT * FROM catalogue_forms WHERE version_id = ? AND id IN (${formIds.map(() => '?').join(',')})`)
    .all(version.id, ...formIds) as DbForm[]).map(toForm).sort((a, b) => formIds.indexOf(a.id) - formIds.indexOf(b.id));
  return { ...toSummary(row), supervisingDepartmentId: row.supervising_department_id, aliases: JSON.parse(row.aliases) as string[], guide, forms };
}

/** Every form of every item (the 表格下载 screen); `query` matches the form title as text. */
export function listForms(db: Db, filter: { query?: string; department?: string } = {}): FormInfo[] {
  const version = requireActive(db);
  const forms = (db.prepare('SELECT * FROM catalogue_forms WHERE version_id = ? ORDER BY id').all(version.id) as DbForm[]).map(toForm);
  const needle = filter.query?.normalize('NFKC').trim().toLowerCase() ?? '';
  // A few dozen forms: a scan is simpler than an index. Han text matches as a substring, Latin
  // input also against the English title.
  return forms.filter((f) => (!filter.department || f.departmentId === filter.department)
    && (needle === '' || f.title.toLowerCase().includes(needle) || f.titleEn.toLowerCase().includes(needle) || (phraseQuery(needle, 'x') === null)));
}

export type FormFile = { fileName: string; contentType: 'application/pdf'; sha256: string; bytes: Buffer };

/** The PDF of a form of the active catalogue, from the database (versions are self-contained). */
export function getFormFile(db: Db, formId: string, kind: 'blank' | 'sample'): FormFile {
  const version = requireActive(db);
  const form = db.prepare('SELECT * FROM catalogue_forms WHERE version_id = ? AND id = ?').get(version.id, formId) as DbForm | undefined;
  if (!form) throw new CatalogueError('CATALOGUE_NOT_FOUND', `form ${formId} is not in the active catalogue`);
  const sha256 = kind === 'blank' ? form.blank_sha256 : form.sample_sha256;
  const file = db.prepare('SELECT content FROM catalogue_files WHERE sha256 = ?').get(sha256) as { content: Buffer } | undefined;
  if (!file) throw new CatalogueError('CATALOGUE_NOT_FOUND', `file of form ${formId} (${kind}) is missing`);
  return { fileName: `${formId}-${kind}.pdf`, contentType: 'application/pdf', sha256, bytes: file.content };
}

export function catalogueStats(db: Db): CatalogueStats {
  const active = activeVersionRow(db);
  const count = (v: DbVersion) => (db.prepare('SELECT count(*) AS n FROM catalogue_items WHERE version_id = ?').get(v.id) as { n: number }).n;
  const previous = active?.previous_id == null ? undefined : (db.prepare('SELECT * FROM catalogue_versions WHERE id = ?').get(active.previous_id) as DbVersion | undefined);
  const stats: CatalogueStats = {
    active: active ? toVersion(active, count(active)) : null,
    previous: previous ? toVersion(previous, count(previous)) : null,
    departments: 0, items: 0, byLevel: { district: 0, street: 0 }, byAudience: { personal: 0, legal: 0 }, forms: 0,
  };
  if (!active) return stats;
  stats.departments = (db.prepare('SELECT count(*) AS n FROM catalogue_departments WHERE version_id = ?').get(active.id) as { n: number }).n;
  stats.forms = (db.prepare('SELECT count(*) AS n FROM catalogue_forms WHERE version_id = ?').get(active.id) as { n: number }).n;
  for (const row of db.prepare('SELECT level, audience, count(*) AS n FROM catalogue_items WHERE version_id = ? GROUP BY level, audience').all(active.id) as { level: Level; audience: Audience; n: number }[]) {
    stats.items += row.n;
    stats.byLevel[row.level] += row.n;
    stats.byAudience[row.audience] += row.n;
  }
  return stats;
}
