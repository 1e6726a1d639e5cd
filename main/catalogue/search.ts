import type { Db } from '../db/database';
import { activeVersionRow, summarySelect, toSummary, type DbItemSummary, type DbVersion } from './catalogue-rows';
import { phraseQuery, queryTokens } from './han-tokens';
import { highlightText } from './highlight';
import type { MatchedBy, SearchQuery, SearchResult } from './types';

const DEFAULT_LIMIT = 30;
const MAX_LIMIT = 200;

type Hit = { key: number; matchedBy: MatchedBy; alias?: string };
type Filters = { sql: string; params: (string | number)[] };

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
 * most-used item comes first. Each tier is one indexed query that stops at the limit, because item
 * keys (and FTS rowids) follow popularity; later tiers only run while the limit is not reached.
 */
export function searchCatalogue(db: Db, q: SearchQuery): SearchResult[] {
  const query = normalizeQuery(q.query);
  const version = activeVersionRow(db);
  if (!version || query === '') return [];
  const limit = Math.min(Math.max(1, q.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
  const hits: Hit[] = [];
  const seen = new Set<number>();
  const add = (rows: { key: number; alias?: string }[], matchedBy: MatchedBy) => {
    for (const row of rows) {
      if (hits.length >= limit) return;
      if (seen.has(row.key)) continue;
      seen.add(row.key);
      hits.push(row.alias === undefined ? { key: row.key, matchedBy } : { key: row.key, matchedBy, alias: row.alias });
    }
  };
  const want = () => limit - hits.length + seen.size;
  const f = filters(q);
  const latin = /^[a-z][a-z' ]*$/i.test(query) ? query.toLowerCase().replace(/[' ]/g, '') : null;

  const tiers: (() => void)[] = [
    () => add(db.prepare(`SELECT key FROM catalogue_items i WHERE version_id = ? AND title = ?${f.sql} ORDER BY key LIMIT ?`)
      .all(version.id, query, ...f.params, want()) as { key: number }[], 'title-exact'),
    () => add(db.prepare(`SELECT key FROM catalogue_items i WHERE version_id = ? AND title >= ? AND title < ?${f.sql} ORDER BY key LIMIT ?`)
      .all(version.id, query, prefixBound(query), ...f.params, want()) as { key: number }[], 'title-prefix'),
    () => {
      if (!latin) return;
      // An exact key ('hjzm' = 户籍证明) ranks before a longer one that merely starts with it.
      const rows = db.prepare(`SELECT p.item_key AS key, min(p.kind) AS kind, max(p.key = ?) AS exact FROM catalogue_pinyin p
          JOIN catalogue_items i ON i.key = p.item_key
          WHERE p.key >= ? AND p.key < ? AND p.field = 'title' AND i.version_id = ?${f.sql}
          GROUP BY p.item_key ORDER BY exact DESC, p.item_key LIMIT ?`)
        .all(latin, latin, prefixBound(latin), version.id, ...f.params, want()) as { key: number; kind: string }[];
      for (const row of rows) add([row], row.kind === 'initials' ? 'initials' : 'pinyin');
    },
    () => fts(db, 'catalogue_names_fts', phraseQuery(query, 'title'), version, f, want(), (rows) => add(rows, 'title')),
    () => {
      fts(db, 'catalogue_names_fts', phraseQuery(query, 'aliases'), version, f, want(), (rows) => add(rows, 'alias'));
      if (latin && hits.length < limit) {
        add(db.prepare(`SELECT DISTINCT p.item_key AS key FROM catalogue_pinyin p JOIN catalogue_items i ON i.key = p.item_key
            WHERE p.key >= ? AND p.key < ? AND p.field = 'alias' AND i.version_id = ?${f.sql} ORDER BY p.item_key LIMIT ?`)
          .all(latin, prefixBound(latin), version.id, ...f.params, want()) as { key: number }[], 'alias');
      }
    },
    () => {
      if (/^[a-z0-9 ]+$/i.test(query)) fts(db, 'catalogue_names_fts', phraseQuery(query, 'title_en', true), version, f, want(), (rows) => add(rows, 'english'));
    },
    () => fts(db, 'catalogue_guide_fts', phraseQuery(query, 'guide'), version, f, want(), (rows) => add(rows, 'guide')),
  ];
  for (const tier of tiers) {
    if (hits.length >= limit) break;
    tier();
  }
  return describe(db, hits, query, latin);
}

function fts(db: Db, table: string, match: string | null, version: DbVersion, f: Filters, limit: number, take: (rows: { key: number }[]) => void): void {
  if (match === null || limit <= 0) return;
  take(db.prepare(`SELECT t.rowid AS key FROM ${table} t JOIN catalogue_items i ON i.key = t.rowid
      WHERE ${table} MATCH ? AND t.rowid BETWEEN ? AND ?${f.sql} ORDER BY t.rowid LIMIT ?`)
    .all(match, version.first_key, version.last_key, ...f.params, limit) as { key: number }[]);
}

function describe(db: Db, hits: Hit[], query: string, latin: string | null): SearchResult[] {
  if (hits.length === 0) return [];
  const rows = db.prepare(`${summarySelect} WHERE i.key IN (${hits.map(() => '?').join(',')})`).all(...hits.map((h) => h.key)) as (DbItemSummary & { aliases: string })[];
  const aliasRows = new Map((db.prepare(`SELECT key, aliases FROM catalogue_items WHERE key IN (${hits.map(() => '?').join(',')})`)
    .all(...hits.map((h) => h.key)) as { key: number; aliases: string }[]).map((r) => [r.key, JSON.parse(r.aliases) as string[]]));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return hits.flatMap((hit): SearchResult[] => {
    const row = byKey.get(hit.key);
    if (!row) return [];
    const item = toSummary(row);
    const result: SearchResult = { item, matchedBy: hit.matchedBy, highlight: highlightText(item.title, latin ?? query, hit.matchedBy) };
    if (hit.matchedBy === 'alias') {
      const aliases = aliasRows.get(hit.key) ?? [];
      const tokens = queryTokens(query).join('');
      const pinyinHit = (a: string) => latin !== null && highlightText(a, latin, 'alias-pinyin').some((s) => s.match);
      const text = aliases.find((a) => queryTokens(a).join('').includes(tokens)) ?? aliases.find(pinyinHit);
      if (text) result.alias = { text, highlight: highlightText(text, latin ?? query, pinyinHit(text) ? 'alias-pinyin' : 'title') };
    }
    return [result];
  });
}
