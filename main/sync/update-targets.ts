import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueStats, installPrepared, prepareBundleOffThread, rollbackCatalogue, searchCatalogue, type PreparedBundle } from '../catalogue';
import type { Db } from '../db/database';
import type { Clock } from '../util/clock';
import type { UpdateTarget } from './signed-updater';
import { UpdateCheckError, type ManifestPayload } from './update-verify';

// The two things the platform updates. The catalogue adopts the bundle format of fixtures/catalogue
// (README there) and main/catalogue's installer, which switches versions in one transaction and keeps
// the previous one; the platform config is one JSON document kept in `settings` with its predecessor.

/** Every file of the bundle must be listed by the manifest, and nothing else. */
function checkListed(manifest: ManifestPayload, expected: readonly string[]): void {
  const listed = new Set(manifest.files.map((f) => f.path));
  const missing = expected.filter((p) => !listed.has(p));
  const extra = [...listed].filter((p) => !expected.includes(p));
  if (missing.length || extra.length) {
    throw new UpdateCheckError('semantic', `manifest and bundle disagree (missing ${missing.slice(0, 3).join(', ') || 'none'}; extra ${extra.slice(0, 3).join(', ') || 'none'})`);
  }
}

export function catalogueTarget(db: Db, options: { clock: Clock; healthQuery?: string; healthy?: () => boolean | Promise<boolean> }): UpdateTarget {
  // The bundle is read, checked and indexed once, on a worker thread, by validate(); install() then
  // only runs the inserts. Keyed by the staging directory so a stale preparation is never installed.
  let staged: { dir: string; prepared: PreparedBundle } | null = null;
  const prepare = async (dir: string) => {
    if (staged?.dir !== dir) staged = { dir, prepared: await prepareBundleOffThread(dir) };
    return staged.prepared;
  };
  return {
    role: 'catalogue',
    installedVersion: () => catalogueStats(db).active?.bundleVersion ?? 0,
    async validate(dir, manifest) {
      staged = null;
      const { bundle, rows } = await prepare(dir);
      if (bundle.version !== manifest.version) throw new UpdateCheckError('semantic', `bundle says version ${bundle.version}, manifest ${manifest.version} (mix-and-match)`);
      if (manifest.itemCount !== undefined && rows.length !== manifest.itemCount) {
        throw new UpdateCheckError('semantic', `bundle has ${rows.length} items, manifest promises ${manifest.itemCount}`);
      }
      checkListed(manifest, ['catalogue.json', ...bundle.forms.flatMap((f) => [f.blank.file, f.sample.file])]);
    },
    async install(dir, manifest) {
      const prepared = await prepare(dir);
      staged = null;
      installPrepared(db, prepared, { source: `platform:v${manifest.version}`, now: () => options.clock.now() });
    },
    rollback() {
      rollbackCatalogue(db, { now: () => options.clock.now() });
    },
    healthy: options.healthy ?? (() => searchCatalogue(db, { query: options.healthQuery ?? '户籍', limit: 1 }).length > 0),
  };
}

const CONFIG_KEY = 'platform_config';

export type PlatformConfig = { version: number; values: Record<string, unknown> };

export function readPlatformConfig(db: Db, key = CONFIG_KEY): PlatformConfig | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as PlatformConfig) : null;
}

export function configTarget(
  db: Db,
  options: { clock: Clock; validate?: (values: Record<string, unknown>) => void; healthy?: () => boolean | Promise<boolean> },
): UpdateTarget {
  const put = (key: string, value: PlatformConfig | null) => {
    if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    else db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(key, JSON.stringify(value), options.clock.now());
  };
  const load = (dir: string): Record<string, unknown> => {
    let values: unknown;
    try {
      values = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    } catch {
      throw new UpdateCheckError('semantic', 'config.json is missing or not JSON');
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new UpdateCheckError('semantic', 'config.json is not an object');
    return values as Record<string, unknown>;
  };
  return {
    role: 'config',
    installedVersion: () => readPlatformConfig(db)?.version ?? 0,
    validate(dir, manifest) {
      checkListed(manifest, ['config.json']);
      options.validate?.(load(dir));
    },
    install(dir, manifest) {
      const values = load(dir);
      db.transaction(() => {
        put(`${CONFIG_KEY}_previous`, readPlatformConfig(db));
        put(CONFIG_KEY, { version: manifest.version, values });
      }).immediate();
    },
    rollback() {
      db.transaction(() => {
        const previous = readPlatformConfig(db, `${CONFIG_KEY}_previous`);
        put(CONFIG_KEY, previous);
        put(`${CONFIG_KEY}_previous`, null);
      }).immediate();
    },
    healthy: options.healthy ?? (() => true),
  };
}
