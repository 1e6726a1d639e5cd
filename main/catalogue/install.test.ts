import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { catalogueStats, getFormFile, getItem, listDepartments, listForms, listItems } from './catalogue-repository';
import { installCatalogue, rollbackCatalogue } from './install';
import { searchCatalogue } from './search';
import { fixtureBundleDir, tempDatabase } from './test-support';
import { CatalogueError } from './types';

let db: Db;
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ db, dir, cleanup } = tempDatabase()));
afterEach(() => cleanup());

/** A copy of the fixture bundle with another version number and one retitled item. */
function editedBundle(version: number, title: string): string {
  const out = join(dir, `bundle-${version}`);
  cpSync(fixtureBundleDir, out, { recursive: true });
  const json = JSON.parse(readFileSync(join(out, 'catalogue.json'), 'utf8')) as { version: number; items: { id: string; title: string }[] };
  json.version = version;
  const item = json.items.find((i) => i.id === 'HZ-JD-001');
  if (item) item.title = title;
  writeFileSync(join(out, 'catalogue.json'), JSON.stringify(json));
  return out;
}

describe('installCatalogue', { timeout: 60_000 }, () => {
  it('imports the fixture bundle and reports its counts', () => {
    const result = installCatalogue(db, fixtureBundleDir, { source: 'fixture', now: () => 1_800_000_000_000 });
    expect(result).toMatchObject({ bundleVersion: 1, items: 530, previousVersionId: null });
    const stats = catalogueStats(db);
    expect(stats).toMatchObject({ departments: 22, items: 530, byLevel: { district: 447, street: 83 }, active: { bundleVersion: 1, source: 'fixture', installedAt: '2027-01-15T08:00:00.000Z' } });
    expect(stats.byAudience.personal + stats.byAudience.legal).toBe(530);
    expect(listDepartments(db)).toHaveLength(22);
    expect(listDepartments(db).reduce((n, d) => n + d.itemCount, 0)).toBe(530);
  });

  it('serves guides, browsing and form files from the database', () => {
    installCatalogue(db, fixtureBundleDir, { source: 'fixture' });
    const item = getItem(db, 'HZ-JD-001');
    expect(item?.title).toBe('户籍证明');
    expect(item?.guide.legalBasis).toContain('《中华人民共和国户口登记条例》');
    expect(item?.forms.map((f) => f.title)).toContain('户籍证明申请表');
    const personal = listItems(db, { audience: 'personal', lifeEvent: 'childbirth' });
    expect(personal.length).toBeGreaterThan(3);
    expect(personal.map((i) => i.popularity)).toEqual([...personal.map((i) => i.popularity)].sort((a, b) => a - b));
    expect(listItems(db, { department: 'scjgj' }).every((i) => i.departmentId === 'scjgj')).toBe(true);
    const forms = listForms(db, { query: '申请表' });
    expect(forms.length).toBeGreaterThan(5);
    const form = item?.forms[0];
    if (!form) throw new Error('no form');
    const file = getFormFile(db, form.id, 'sample');
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.bytes).toEqual(readFileSync(join(fixtureBundleDir, `forms/${form.id}-sample.pdf`)));
  });

  it('refuses a bundle whose form file was changed, leaving the database untouched', () => {
    const out = join(dir, 'tampered');
    cpSync(fixtureBundleDir, out, { recursive: true });
    writeFileSync(join(out, 'forms/F001-blank.pdf'), 'not the signed bytes');
    expect(() => installCatalogue(db, out, { source: 'test' })).toThrow(/F001-blank.pdf/);
    expect(catalogueStats(db).active).toBeNull();
  });

  it('refuses an older or equal version unless asked', () => {
    installCatalogue(db, fixtureBundleDir, { source: 'fixture' });
    expect(() => installCatalogue(db, fixtureBundleDir, { source: 'again' })).toThrow(CatalogueError);
    expect(installCatalogue(db, fixtureBundleDir, { source: 'again', allowOlder: true }).previousVersionId).toBe(1);
  });
});

describe('atomic switch and rollback', { timeout: 60_000 }, () => {
  it('switches searches to the new version and rolls back to the previous one', () => {
    installCatalogue(db, fixtureBundleDir, { source: 'fixture' });
    installCatalogue(db, editedBundle(2, '户籍证明开具'), { source: 'platform' });
    expect(catalogueStats(db)).toMatchObject({ active: { bundleVersion: 2 }, previous: { bundleVersion: 1 }, items: 530 });
    expect(searchCatalogue(db, { query: '户籍证明开具' })[0]?.matchedBy).toBe('title-exact');
    expect(searchCatalogue(db, { query: '户籍证明' })[0]?.item.title).toBe('户籍证明开具');

    expect(rollbackCatalogue(db)).toMatchObject({ bundleVersion: 1 });
    expect(catalogueStats(db).active?.bundleVersion).toBe(1);
    expect(searchCatalogue(db, { query: '户籍证明开具' }).every((r) => r.item.title !== '户籍证明开具')).toBe(true);
    expect(searchCatalogue(db, { query: '户籍证明' })[0]).toMatchObject({ matchedBy: 'title-exact', item: { title: '户籍证明' } });
    expect(() => rollbackCatalogue(db)).toThrow(/no earlier version/);
  });

  it('keeps only the active and the previous version, index rows included', () => {
    installCatalogue(db, fixtureBundleDir, { source: 'v1' });
    installCatalogue(db, editedBundle(2, '户籍证明二'), { source: 'v2' });
    installCatalogue(db, editedBundle(3, '户籍证明三'), { source: 'v3' });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM catalogue_versions')).toBe(2);
    expect(count('SELECT count(*) AS n FROM catalogue_items')).toBe(1060);
    // v1's 户籍证明 is gone from the index; v2's and v3's retitled copies remain.
    expect(count(`SELECT count(*) AS n FROM catalogue_names_fts WHERE catalogue_names_fts MATCH 'title : "户 籍 证 明"'`)).toBe(2);
    expect(count('SELECT count(*) AS n FROM catalogue_files')).toBe(62);
  });

  it('rolls the whole install back when it fails inside the transaction', () => {
    installCatalogue(db, fixtureBundleDir, { source: 'v1' });
    db.exec(`CREATE TRIGGER fail_late BEFORE INSERT ON catalogue_forms WHEN NEW.id = 'F031' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => installCatalogue(db, editedBundle(2, '户籍证明二'), { source: 'v2' })).toThrow(/disk full/);
    expect(catalogueStats(db)).toMatchObject({ active: { bundleVersion: 1 }, items: 530 });
    expect((db.prepare('SELECT count(*) AS n FROM catalogue_items').get() as { n: number }).n).toBe(530);
    expect(searchCatalogue(db, { query: '户籍证明二' }).some((r) => r.item.title === '户籍证明二')).toBe(false);
  });
});
