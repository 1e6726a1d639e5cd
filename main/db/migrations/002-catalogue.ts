import type { Migration } from './index';

/** Catalogue versions, departments, items and the search index. Owned by main/catalogue/. */
export const catalogue: Migration = {
  version: 2,
  name: 'catalogue',
  up(db) {
    db.exec(`
      CREATE TABLE catalogue_versions (
        version INTEGER PRIMARY KEY,
        installed_at INTEGER NOT NULL,
        source TEXT NOT NULL,
        manifest TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
      ) STRICT;
    `);
  },
};
