import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueBundleSchema, type BundleItem, type CatalogueBundle } from './bundle-schema';
import { bigramText, unigramText } from './han-tokens';
import { pinyinSearchKeys, pinyinSyllables } from './pinyin-variants';
import { CatalogueError } from './types';

// The CPU half of an install: read and check the bundle, then compute every search key (pinyin-pro,
// bigrams) once. Pure — no database — so it can run on a worker thread (off-thread.ts) while the
// main process keeps answering the screen and the card readers.

/** One item's row values, in the order the install inserts them. */
export type PreparedRow = {
  item: BundleItem;
  search: { title: string[]; aliases: string[][]; full: string[] };
  names: [string, string, string, string, string];
  guide: [string, string];
  pinyin: [string, string, string];
};

export type PreparedBundle = {
  /** The bundle without its items: they are in `rows`, so they cross from a worker only once. */
  bundle: Omit<CatalogueBundle, 'items'>;
  manifestSha256: string;
  /** Form files by SHA-256 (Uint8Array once it has crossed from a worker). */
  files: Map<string, Uint8Array>;
  /** Items sorted as they are keyed: most used first, then by id. */
  rows: PreparedRow[];
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Reads and checks a bundle directory completely before the database is touched. */
export function readBundle(bundleDir: string): { bundle: CatalogueBundle; manifestSha256: string; files: Map<string, Buffer> } {
  let raw: Buffer;
  try {
    raw = readFileSync(join(bundleDir, 'catalogue.json'));
  } catch (error) {
    throw new CatalogueError('CATALOGUE_INVALID', `cannot read catalogue.json in ${bundleDir}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new CatalogueError('CATALOGUE_INVALID', `catalogue.json is not JSON: ${(error as Error).message}`);
  }
  const parsed = catalogueBundleSchema.safeParse(json);
  if (!parsed.success) {
    throw new CatalogueError('CATALOGUE_INVALID', `catalogue.json is not a valid bundle: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const files = new Map<string, Buffer>();
  for (const form of parsed.data.forms) {
    for (const ref of [form.blank, form.sample]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(bundleDir, ref.file));
      } catch {
        throw new CatalogueError('CATALOGUE_INVALID', `form file ${ref.file} is missing`);
      }
      if (bytes.length !== ref.bytes || sha256(bytes) !== ref.sha256) {
        throw new CatalogueError('CATALOGUE_INVALID', `form file ${ref.file} does not match its length or SHA-256`);
      }
      files.set(ref.sha256, bytes);
    }
  }
  return { bundle: parsed.data, manifestSha256: sha256(raw), files };
}

function guideText(item: BundleItem, formTitles: Map<string, string>): string {
  return [
    ...item.legalBasis, ...item.conditions, ...item.materials.map((m) => m.name),
    ...item.formIds.map((id) => formTitles.get(id) ?? ''), ...item.process.map((p) => `${p.name} ${p.detail}`),
    item.timeLimit.text, item.venue,
  ].join('\n');
}

/** Reads the bundle and computes everything a search needs from pinyin-pro, once, not per query. */
export function prepareBundle(bundleDir: string): PreparedBundle {
  const { bundle, manifestSha256, files } = readBundle(bundleDir);
  const formTitles = new Map(bundle.forms.map((f) => [f.id, f.title]));
  const items = [...bundle.items].sort((a, b) => a.popularity - b.popularity || a.id.localeCompare(b.id));
  const rows = items.map((item): PreparedRow => {
    const titleKeys = pinyinSearchKeys(item.title, item.pinyin);
    const keysOf = (kind: 'full' | 'initials') => [...new Set(titleKeys.filter((k) => k.kind === kind).map((k) => k.key))];
    const aliasKeys = new Set(item.aliasPinyin.flatMap((a) => pinyinSearchKeys(a.text, a).map((k) => k.key)));
    const search = { title: pinyinSyllables(item.title), aliases: item.aliases.map(pinyinSyllables), full: keysOf('full') };
    const guide = guideText(item, formTitles);
    const aliases = item.aliases.join('\n');
    return {
      item, search,
      names: [unigramText(item.title), unigramText(aliases), item.titleEn, bigramText(item.title), bigramText(aliases)],
      guide: [unigramText(guide), bigramText(guide)],
      pinyin: [keysOf('full').join(' '), keysOf('initials').join(' '), [...aliasKeys].join(' ')],
    };
  });
  const { items: _items, ...rest } = bundle;
  return { bundle: rest, manifestSha256, files, rows };
}
