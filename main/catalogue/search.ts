import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../db/database';
import { toSummary, type DbVersion } from './catalogue-rows';
import { hanPhraseQuery, phraseQuery, queryTokens } from './han-tokens';
import { highlightText } from './highlight';
import type { MatchedBy, SearchQuery, SearchResult } from './types';

const DEFAULT_LIMIT = 30;
const MAX_LIMIT = 200;

/** `pinyinTier`: matched by title pinyin; initials or full pinyin is decided from the stored keys. */
type Hit = { key: number; matchedBy: MatchedBy; pinyinTier?: true };
type Filters = { sql: string; params: (string | number)[] };
type Statement = BetterSqlite3.Statement<unknown[]>;
type PinyinSearch = { title: string[]; aliases: string[][]; full: string[] };

// Compiling a statement costs about as much as running one of these small queries, so each
// connection keeps its statements (a handful of shapes: the filters only vary in three columns).
const statements = new WeakMap<Db, Map<string, Statement>>();
function statement(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

export function normalizeQuery(query: string): string {
  return query.normalize('NFKC').trim().replace(/\s+/g, ' ').slice(0, 64);
}

/** Strings sorting at or after `prefix` and before this bound start with `prefix`. */
function prefixBound(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop() ?? '';
  return chars.join('') + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

function filters(q: SearchQuery, alias = 'i'): Filters {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (q.department) {
    parts.push(`${alias}.department_id = ?`);
    params.push(q.department);
  }
  if (q.audience) {
    parts.push(`${alias}.audience = ?`);
    params.push(q.audience);
  }
  if (q.level) {
    parts.push(`${alias}.level = ?`);
    params.push(q.level);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

/**
 * Ranked catalogue search. Tiers, best first: exact title → title prefix → pinyin initials (and full
 * pinyin) of the title → title contains → alias → English title → guide text; inside a tier the
 * most-used item comes first. Item keys (and FTS rowids) follow popularity, so every tier is one
 * indexed walk in key order that stops at the limit (the pinyin tier: exact keys, then prefixes);
 * later tiers only run while the limit is not reached.
 */
export function searchCatalogue(db: Db, q: SearchQuery): SearchResult[] {
  const query = normalizeQuery(q.query);
  if (query === '') return [];
  const version = statement(db, `SELECT v.* FROM catalogue_active a JOIN catalogue_versions v ON v.id = a.version_id WHERE a.slot = 1`).get() as DbVersion | undefined;
  if (!version) return [];
  const limit = Math.min(Math.max(1, q.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
  const hits: Hit[] = [];
  const seen = new Set<number>();
  const add = (keys: readonly number[], matchedBy: MatchedBy, pinyinTier = false) => {
    for (const key of keys) {
      if (hits.length >= limit) return;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push(pinyinTier ? { key, matchedBy, pinyinTier: true } : { key, matchedBy });
    }
  };
  // Every tier fetches `limit` rows: some of them may already have been taken by an earlier tier.
  const f = filters(q);
  const latin = /^[a-z][a-z' ]*$/i.test(query) ? query.toLowerCase().replace(/[' ]/g, '') : null;
  const ftsKeys = (table: string, match: string | null, take = limit) => fts(db, table, match, version, f, take);

  const tiers: (() => void)[] = [
    // Exact title and title prefix in one range walk of the title index: the exact title (titles
    // are unique) sorts first, the rest by key.
    () => {
      const rows = statement(db, `SELECT key, title = ? AS exact FROM catalogue_items i WHERE version_id = ? AND title >= ? AND title < ?${f.sql}
          ORDER BY exact DESC, key LIMIT ?`).raw(true).all(query, version.id, query, prefixBound(query), ...f.params, limit) as [number, number][];
      for (const [key, exact] of rows) add([key], exact ? 'title-exact' : 'title-prefix');
    },
    () => {
      if (!latin) return;
      // An exact key ('hjzm' = 户籍证明) ranks before a longer one that merely starts with it. The
      // exact ones are among the first `limit + exact` prefix matches, so both walks stop early.
      const keys = `{title_full title_initials} : "${latin}"`;
      const exact = ftsKeys('catalogue_pinyin_fts', keys);
      const prefix = ftsKeys('catalogue_pinyin_fts', `${keys} *`, limit + exact.length);
      const exactKeys = new Set(exact);
      add([...exact, ...prefix.filter((key) => !exactKeys.has(key))].slice(0, limit), 'initials', true);
    },
    () => add(ftsKeys('catalogue_names_fts', hanPhraseQuery(query, 'title')), 'title'),
    () => {
      add(ftsKeys('catalogue_names_fts', hanPhraseQuery(query, 'aliases')), 'alias');
      if (latin && hits.length < limit) add(ftsKeys('catalogue_pinyin_fts', `alias_keys : "${latin}" *`), 'alias');
    },
    () => {
      if (/^[a-z0-9 ]+$/i.test(query)) add(ftsKeys('catalogue_names_fts', phraseQuery(query, 'title_en', true)), 'english');
    },
    () => add(ftsKeys('catalogue_guide_fts', hanPhraseQuery(query, 'guide')), 'guide'),
  ];
  for (const tier of tiers) {
    if (hits.length >= limit) break;
    tier();
  }
  return describe(db, hits, query, latin);
}

/** Rowids (= item keys) of the active version matching `match`, in key order, at most `limit`. */
function fts(db: Db, table: string, match: string | null, version: DbVersion, f: Filters, limit: number): number[] {
  if (match === null || limit <= 0) return [];
  // The join to the items is only needed to filter; the rowid range alone selects the version.
  const sql = f.sql === ''
    ? `SELECT rowid AS key FROM ${table} WHERE ${table} MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid LIMIT ?`
    : `SELECT t.rowid AS key FROM ${table} t JOIN catalogue_items i ON i.key = t.rowid
        WHERE ${table} MATCH ? AND t.rowid BETWEEN ? AND ?${f.sql} ORDER BY t.rowid LIMIT ?`;
  return statement(db, sql).pluck(true).all(match, version.first_key, version.last_key, ...f.params, limit) as number[];
}

// Raw rows: better-sqlite3 builds an array per row much faster than an object with named keys.
const describeSql = `SELECT i.key, i.id, i.title, i.title_en, i.department_id, i.audience, i.level, i.popularity, i.life_events,
    d.name, d.name_en, i.aliases, i.pinyin_search
  FROM catalogue_items i JOIN catalogue_departments d ON d.version_id = i.version_id AND d.id = i.department_id
  WHERE i.key IN (SELECT value FROM json_each(?))`;
type DescribeRow = [number, string, string, string, string, string, string, number, string, string, string, string, string];

function describe(db: Db, hits: Hit[], query: string, latin: string | null): SearchResult[] {
  if (hits.length === 0) return [];
  const rows = statement(db, describeSql).raw(true).all(JSON.stringify(hits.map((h) => h.key))) as DescribeRow[];
  const byKey = new Map(rows.map((r) => [r[0], r]));
  const tokens = queryTokens(query).join('');
  return hits.flatMap((hit): SearchResult[] => {
    const row = byKey.get(hit.key);
    if (!row) return [];
    const [key, id, title, title_en, department_id, audience, level, popularity, life_events, department_name, department_name_en, aliasesJson, pinyinJson] = row;
    const item = toSummary({ key, id, title, title_en, department_id, audience, level, popularity, life_events, department_name, department_name_en });
    const pinyin = hit.pinyinTier || hit.matchedBy === 'alias' ? (JSON.parse(pinyinJson) as PinyinSearch) : null;
    // Full pinyin when any full key of the title starts with the input, else initials.
    const matchedBy = hit.pinyinTier && latin !== null ? (pinyin?.full.some((k) => k.startsWith(latin)) ? 'pinyin' : 'initials') : hit.matchedBy;
    const result: SearchResult = { item, matchedBy, highlight: highlightText(item.title, latin ?? query, matchedBy, pinyin?.title) };
    if (matchedBy === 'alias') {
      const aliases = JSON.parse(aliasesJson) as string[];
      const pinyinHit = (index: number) => latin !== null && index >= 0
        && highlightText(aliases[index] ?? '', latin, 'alias-pinyin', pinyin?.aliases[index]).some((s) => s.match);
      let index = aliases.findIndex((a) => queryTokens(a).join('').includes(tokens));
      if (index < 0) index = aliases.findIndex((_, i) => pinyinHit(i));
      const text = aliases[index];
      if (text !== undefined) {
        const highlight = pinyinHit(index) ? highlightText(text, latin ?? query, 'alias-pinyin', pinyin?.aliases[index]) : highlightText(text, latin ?? query, 'title');
        result.alias = { text, highlight };
      }
    }
    return [result];
  });
}
