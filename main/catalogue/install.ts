import type { Db } from '../db/database';
import { activeVersionRow, type DbVersion } from './catalogue-rows';
import { prepareBundle, type PreparedBundle } from './prepare';
import { CatalogueError } from './types';

export type InstallOptions = {
  /** Where the bundle came from, for the audit trail: 'fixture', 'platform', 'kioskctl:/path' … */
  source: string;
  /** Re-installing the same or an older bundle version is refused unless a technician asks for it. */
  allowOlder?: boolean;
  now?: () => number;
};

export type InstallResult = { versionId: number; bundleVersion: number; items: number; previousVersionId: number | null };

/**
 * Imports a bundle as a new version and makes it active, all in one transaction: a crash leaves
 * either the old catalogue or the new one, never half of either. The version that was active stays
 * as the rollback target; anything older is deleted.
 */
export function installCatalogue(db: Db, bundleDir: string, options: InstallOptions): InstallResult {
  return installPrepared(db, prepareBundle(bundleDir), options);
}

/**
 * The transaction half of an install, for a bundle already read and indexed (possibly on a worker
 * thread: see off-thread.ts): only inserts run here, under the write lock.
 */
export function installPrepared(db: Db, prepared: PreparedBundle, options: InstallOptions): InstallResult {
  const { bundle, manifestSha256, files, rows } = prepared;
  const now = options.now ?? Date.now;
  return db.transaction((): InstallResult => {
    const active = activeVersionRow(db);
    if (active && bundle.version <= active.bundle_version && !options.allowOlder) {
      throw new CatalogueError('CATALOGUE_NOT_NEWER', `bundle version ${bundle.version} is not newer than the installed version ${active.bundle_version}`);
    }
    const firstKey = ((db.prepare('SELECT max(key) AS k FROM catalogue_items').get() as { k: number | null }).k ?? 0) + 1;
    const versionId = Number(
      db.prepare(`INSERT INTO catalogue_versions (bundle_version, bundle_format, generated_at, installed_at, source, manifest_sha256, previous_id, first_key, last_key)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(bundle.version, bundle.format, bundle.generatedAt, now(), options.source, manifestSha256, active?.id ?? null, firstKey, firstKey + rows.length - 1).lastInsertRowid,
    );
    const insertDept = db.prepare('INSERT INTO catalogue_departments VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const d of bundle.departments) insertDept.run(versionId, d.id, d.name, d.fullName, d.nameEn, d.venue, d.sort);
    const insertEvent = db.prepare('INSERT INTO catalogue_life_events VALUES (?, ?, ?, ?, ?)');
    bundle.lifeEvents.forEach((e, i) => insertEvent.run(versionId, e.id, e.name, e.nameEn, i));

    const insertItem = db.prepare(`INSERT INTO catalogue_items (key, version_id, id, title, title_en, department_id, supervising_department_id,
        audience, level, popularity, pinyin_full, pinyin_initials, aliases, pinyin_search, life_events, guide)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertNames = db.prepare('INSERT INTO catalogue_names_fts (rowid, title, aliases, title_en, title_bi, aliases_bi) VALUES (?, ?, ?, ?, ?, ?)');
    const insertGuide = db.prepare('INSERT INTO catalogue_guide_fts (rowid, guide, guide_bi) VALUES (?, ?, ?)');
    const insertPinyin = db.prepare('INSERT INTO catalogue_pinyin_fts (rowid, title_full, title_initials, alias_keys) VALUES (?, ?, ?, ?)');
    rows.forEach(({ item, search, names, guide, pinyin }, index) => {
      const key = firstKey + index;
      const { itemType, itemTypeEn, legalBasis, conditions, materials, formIds, process, timeLimit, fee, venue, channels } = item;
      insertItem.run(key, versionId, item.id, item.title, item.titleEn, item.departmentId, item.supervisingDepartmentId,
        item.audience, item.level, item.popularity, item.pinyin.full, item.pinyin.initials, JSON.stringify(item.aliases),
        JSON.stringify(search), JSON.stringify(item.lifeEvents),
        JSON.stringify({ itemType, itemTypeEn, legalBasis, conditions, materials, formIds, process, timeLimit, fee, venue, channels }));
      insertNames.run(key, ...names);
      insertGuide.run(key, ...guide);
      insertPinyin.run(key, ...pinyin);
    });

    const insertForm = db.prepare('INSERT INTO catalogue_forms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const insertFile = db.prepare('INSERT OR IGNORE INTO catalogue_files VALUES (?, ?, ?)');
    for (const f of bundle.forms) {
      insertForm.run(versionId, f.id, f.title, f.titleEn, f.departmentId, f.audience, JSON.stringify(f.usedBy), f.blank.sha256, f.sample.sha256);
    }
    // A worker thread hands Buffers over as plain Uint8Arrays, which better-sqlite3 does not bind.
    for (const [hash, bytes] of files) insertFile.run(hash, bytes.length, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

    switchTo(db, versionId, now());
    prune(db, [versionId, active?.id ?? versionId]);
    // Bulk inserts (and prune's deletes) leave each FTS index in many segments, and a query opens
    // every segment that may hold its token; merged into one, a 20,000-item index answers about
    // twice as fast (bench/catalogue-search.ts). Costs ~0.1 s at 530 items, ~3 s at 20,000.
    for (const table of ['catalogue_names_fts', 'catalogue_guide_fts', 'catalogue_pinyin_fts']) {
      db.prepare(`INSERT INTO ${table} (${table}) VALUES ('optimize')`).run();
    }
    return { versionId, bundleVersion: bundle.version, items: rows.length, previousVersionId: active?.id ?? null };
  }).immediate();
}

/** Makes the version that was active before the current one active again. */
export function rollbackCatalogue(db: Db, options: { now?: () => number } = {}): { versionId: number; bundleVersion: number } {
  return db.transaction(() => {
    const active = activeVersionRow(db);
    if (!active) throw new CatalogueError('CATALOGUE_NOT_INSTALLED', 'no catalogue is installed');
    const previous = active.previous_id === null ? undefined
      : (db.prepare('SELECT * FROM catalogue_versions WHERE id = ?').get(active.previous_id) as DbVersion | undefined);
    if (!previous) throw new CatalogueError('CATALOGUE_NO_PREVIOUS', `catalogue version ${active.bundle_version} has no earlier version to roll back to`);
    switchTo(db, previous.id, (options.now ?? Date.now)());
    return { versionId: previous.id, bundleVersion: previous.bundle_version };
  }).immediate();
}

function switchTo(db: Db, versionId: number, at: number): void {
  db.prepare(`INSERT INTO catalogue_active (slot, version_id, switched_at) VALUES (1, ?, ?)
              ON CONFLICT (slot) DO UPDATE SET version_id = excluded.version_id, switched_at = excluded.switched_at`).run(versionId, at);
}

/** Deletes every version except `keep`, with its index rows and the files no kept version uses. */
function prune(db: Db, keep: number[]): void {
  const doomed = db.prepare(`SELECT * FROM catalogue_versions WHERE id NOT IN (${keep.map(() => '?').join(',')})`).all(...keep) as DbVersion[];
  for (const v of doomed) {
    db.prepare('DELETE FROM catalogue_names_fts WHERE rowid BETWEEN ? AND ?').run(v.first_key, v.last_key);
    db.prepare('DELETE FROM catalogue_guide_fts WHERE rowid BETWEEN ? AND ?').run(v.first_key, v.last_key);
    db.prepare('DELETE FROM catalogue_pinyin_fts WHERE rowid BETWEEN ? AND ?').run(v.first_key, v.last_key);
    db.prepare('DELETE FROM catalogue_versions WHERE id = ?').run(v.id);
  }
  if (doomed.length > 0) {
    db.exec(`DELETE FROM catalogue_files WHERE sha256 NOT IN (SELECT blank_sha256 FROM catalogue_forms UNION SELECT sample_sha256 FROM catalogue_forms)`);
  }
}
