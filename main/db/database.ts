import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

export type DatabaseErrorCode = 'DATABASE_TOO_NEW' | 'DATABASE_CORRUPT' | 'DATABASE_NOT_DURABLE';

export class DatabaseError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

export type OpenOptions = {
  /** Run migrations (the kiosk's one writer does; read-only tools such as `kioskctl status` do not). */
  migrate?: boolean;
  readonly?: boolean;
  /** The list to apply; tests pass a prefix to build a database "from the previous version". */
  migrations?: readonly Migration[];
};

/**
 * Opens the kiosk database with the settings SYNC.md §3 asks for, on every connection:
 * WAL, synchronous=FULL (better-sqlite3 reopens WAL databases at NORMAL, so it is set and then
 * read back), foreign keys, a busy timeout, then `quick_check` and the migrations.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const list = options.migrations ?? migrations;
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...electronBinding(),
  });
  try {
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    assertDurable(db);
    const quick = db.pragma('quick_check(1)', { simple: true });
    if (quick !== 'ok') throw new DatabaseError('DATABASE_CORRUPT', `database ${path} failed quick_check: ${String(quick)}`);
    const latest = list.at(-1)?.version ?? 0;
    const current = schemaVersion(db);
    if (current > latest) {
      throw new DatabaseError(
        'DATABASE_TOO_NEW',
        `database ${path} has schema version ${current}, but this kiosk knows only up to ${latest}: install the newer kiosk version or restore a backup`,
      );
    }
    if (options.migrate ?? true) migrate(db, list);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** synchronous=FULL (2) or EXTRA (3); anything less could lose a committed event at power loss. */
export function assertDurable(db: Db): void {
  const level = db.pragma('synchronous', { simple: true });
  if (level !== 2 && level !== 3) {
    throw new DatabaseError('DATABASE_NOT_DURABLE', `PRAGMA synchronous is ${String(level)}, expected FULL (2)`);
  }
}

/** Applies each pending migration and its user_version bump in one transaction. */
export function migrate(db: Db, list: readonly Migration[] = migrations): number {
  let applied = 0;
  for (const migration of list) {
    if (migration.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied++;
  }
  return applied;
}

/**
 * Inside Electron the module must be the one built for Electron's ABI; `npm run package` leaves a
 * copy at better-sqlite3/build-electron/ so that `npm start` and the Node tests can share a checkout.
 */
function electronBinding(): { nativeBinding?: string } {
  if (!process.versions.electron) return {};
  const require = createRequire(import.meta.url);
  const candidate = join(dirname(require.resolve('better-sqlite3/package.json')), 'build-electron', 'better_sqlite3.node');
  return existsSync(candidate) ? { nativeBinding: candidate } : {};
}
