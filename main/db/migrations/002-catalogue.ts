import type { Migration } from './index';

/**
 * Catalogue versions, departments, items, forms and the search index. Owned by main/catalogue/.
 * Every installed bundle is a version; `catalogue_active` names the one residents see, so switching
 * and rolling back are one-row updates inside the install transaction.
 * Item `key`s are assigned in popularity order at install, and the FTS tables use them as rowids:
 * a search walks its matches in rowid order and stops at the limit, already most-used first.
 */
export const catalogue: Migration = {
  version: 2,
  name: 'catalogue',
  up(db) {
    db.exec(`
      CREATE TABLE catalogue_versions (
        id INTEGER PRIMARY KEY,
        bundle_version INTEGER NOT NULL,
        bundle_format INTEGER NOT NULL,
        generated_at TEXT NOT NULL,
        installed_at INTEGER NOT NULL,
        source TEXT NOT NULL,
        manifest_sha256 TEXT NOT NULL,
        previous_id INTEGER REFERENCES catalogue_versions (id) ON DELETE SET NULL,
        first_key INTEGER NOT NULL,
        last_key INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE catalogue_active (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        version_id INTEGER NOT NULL REFERENCES catalogue_versions (id),
        switched_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE catalogue_departments (
        version_id INTEGER NOT NULL REFERENCES catalogue_versions (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        full_name TEXT NOT NULL,
        name_en TEXT NOT NULL,
        venue TEXT NOT NULL,
        sort INTEGER NOT NULL,
        PRIMARY KEY (version_id, id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE catalogue_life_events (
        version_id INTEGER NOT NULL REFERENCES catalogue_versions (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        name_en TEXT NOT NULL,
        sort INTEGER NOT NULL,
        PRIMARY KEY (version_id, id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE catalogue_items (
        key INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES catalogue_versions (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        title TEXT NOT NULL,
        title_en TEXT NOT NULL,
        department_id TEXT NOT NULL,
        supervising_department_id TEXT,
        audience TEXT NOT NULL CHECK (audience IN ('personal', 'legal')),
        level TEXT NOT NULL CHECK (level IN ('district', 'street')),
        popularity INTEGER NOT NULL,
        pinyin_full TEXT NOT NULL,
        pinyin_initials TEXT NOT NULL,
        aliases TEXT NOT NULL,      -- JSON array of strings
        life_events TEXT NOT NULL,  -- JSON array of life-event ids
        guide TEXT NOT NULL,        -- JSON: the standardized guide elements (see catalogue-rows.ts)
        UNIQUE (version_id, id)
      ) STRICT;
      CREATE INDEX catalogue_items_by_title ON catalogue_items (version_id, title);
      CREATE INDEX catalogue_items_by_department ON catalogue_items (version_id, department_id, popularity);

      -- Pinyin of titles and aliases (context reading plus single-character polyphonic alternatives),
      -- searched by prefix: 'hjzm', 'huji', 'hujizhengming'.
      CREATE TABLE catalogue_pinyin (
        key TEXT NOT NULL,
        item_key INTEGER NOT NULL REFERENCES catalogue_items (key) ON DELETE CASCADE,
        field TEXT NOT NULL CHECK (field IN ('title', 'alias')),
        kind TEXT NOT NULL CHECK (kind IN ('initials', 'full')),
        PRIMARY KEY (key, item_key, field, kind)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX catalogue_pinyin_by_item ON catalogue_pinyin (item_key);

      CREATE TABLE catalogue_forms (
        version_id INTEGER NOT NULL REFERENCES catalogue_versions (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        title TEXT NOT NULL,
        title_en TEXT NOT NULL,
        department_id TEXT NOT NULL,
        audience TEXT NOT NULL,
        used_by TEXT NOT NULL,      -- JSON array of item ids
        blank_sha256 TEXT NOT NULL,
        sample_sha256 TEXT NOT NULL,
        PRIMARY KEY (version_id, id)
      ) STRICT, WITHOUT ROWID;

      -- Form PDFs by content hash: versions that share a form share its bytes.
      CREATE TABLE catalogue_files (
        sha256 TEXT PRIMARY KEY,
        bytes INTEGER NOT NULL,
        content BLOB NOT NULL
      ) STRICT;

      -- Han characters are indexed one per token (see han-tokens.ts); rowid = catalogue_items.key.
      CREATE VIRTUAL TABLE catalogue_names_fts USING fts5 (
        title, aliases, title_en, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE VIRTUAL TABLE catalogue_guide_fts USING fts5 (
        guide, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
    `);
  },
};
