import type { Migration } from './index';

/**
 * Catalogue versions, departments, items, forms and the search index. Owned by main/catalogue/.
 * Every installed bundle is a version; `catalogue_active` names the one residents see, so switching
 * and rolling back are one-row updates inside the install transaction.
 * Item `key`s are assigned in popularity order at install, and the FTS tables use them as rowids:
 * a search walks its matches in rowid order and stops at the limit, already most-used first. Every
 * search tier is such a walk (pinyin included), so no tier sorts or groups its matches.
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
        -- JSON { title: string[], aliases: string[][], full: string[] }: the
        -- syllables of the title and of each alias (for highlighting without pinyin-pro at query
        -- time) and every full-pinyin key of the title (context reading plus polyphonic variants).
        pinyin_search TEXT NOT NULL,
        life_events TEXT NOT NULL,  -- JSON array of life-event ids
        guide TEXT NOT NULL,        -- JSON: the standardized guide elements (see catalogue-rows.ts)
        UNIQUE (version_id, id)
      ) STRICT;
      CREATE INDEX catalogue_items_by_title ON catalogue_items (version_id, title);
      CREATE INDEX catalogue_items_by_department ON catalogue_items (version_id, department_id, popularity);


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

      -- rowid = catalogue_items.key. Han text is indexed twice (see han-tokens.ts): one character per
      -- token (title, aliases, guide: 1-character queries and mixed Han/Latin ones) and as the
      -- bigrams of each run of Han characters (*_bi: queries of 2+ Han characters, whose rare bigram
      -- doclists are far shorter than those of common single characters such as 证).
      CREATE VIRTUAL TABLE catalogue_names_fts USING fts5 (
        title, aliases, title_en, title_bi, aliases_bi,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE VIRTUAL TABLE catalogue_guide_fts USING fts5 (
        guide, guide_bi, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
      -- Pinyin keys of titles and aliases (context reading plus single-character polyphonic
      -- alternatives, see pinyin-variants.ts), one token per key, searched exactly and by prefix
      -- ('hjzm', 'huji', 'hujizhengming'); prefix indexes keep short prefixes to one doclist.
      CREATE VIRTUAL TABLE catalogue_pinyin_fts USING fts5 (
        title_full, title_initials, alias_keys,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4'
      );
    `);
  },
};
