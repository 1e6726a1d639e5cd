import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '../db/database';

/** The committed fixture bundle, read from disk (main/ never imports fixtures/). */
export const fixtureBundleDir = resolve(import.meta.dirname, '../../fixtures/catalogue/bundle');

export function tempDatabase(): { db: Db; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
  const db = openDatabase(join(dir, 'kiosk.db'));
  return { db, dir, cleanup: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}
