import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { bigramText, hanPhraseQuery, phraseQuery } from './han-tokens';
import { installCatalogue } from './install';
import { searchCatalogue } from './search';
import { fixtureBundleDir, tempDatabase } from './test-support';
import type { SearchQuery, SearchResult } from './types';

// search-golden.json holds the results of the bench's query set (bench/catalogue-search.ts) at the
// fixture's 530 items, written by the search as it was before the speed work (per-tier queries
// grouping the pinyin table, unigram phrases only, pinyin-pro at query time). The faster search must
// return exactly the same items, tiers, order and highlights.
const golden = JSON.parse(readFileSync(new URL('./search-golden.json', import.meta.url), 'utf8')) as Record<string, string[]>;

let db: Db;
let cleanup: () => void;
beforeAll(() => {
  ({ db, cleanup } = tempDatabase());
  installCatalogue(db, fixtureBundleDir, { source: 'fixture' });
}, 60_000);
afterAll(() => cleanup());

const marked = (segments: { text: string; match: boolean }[]) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');
const line = (r: SearchResult) => `${r.item.id} ${r.matchedBy} ${marked(r.highlight)}${r.alias ? ` ~ ${marked(r.alias.highlight)}` : ''}`;

function parseKey(key: string): SearchQuery {
  const [query = '', rest = ''] = key.split('|');
  return /^\d+$/.test(rest) ? { query, limit: Number(rest) } : { query, limit: 50, ...(JSON.parse(rest) as Omit<SearchQuery, 'query'>) };
}

describe('search results are unchanged by the speed work', { timeout: 60_000 }, () => {
  it('covers the bench query set with and without filters', () => {
    expect(Object.keys(golden)).toHaveLength(56);
    expect(Object.values(golden).flat().length).toBeGreaterThan(1000);
  });

  it.each(Object.keys(golden))('%s', (key) => {
    expect(searchCatalogue(db, parseKey(key)).map(line)).toEqual(golden[key]);
  });
});

describe('bigram index', { timeout: 60_000 }, () => {
  it('stores the bigrams of each run of Han tokens, with a break between runs', () => {
    expect(bigramText('户籍证明')).toBe('户籍 籍证 证明');
    // Punctuation is no token, so 籍 and 证 stay adjacent, as they are in the unigram index.
    expect(bigramText('户籍，证明')).toBe('户籍 籍证 证明');
    expect(bigramText('ab户籍3证明')).toBe('0 户籍 0 证明');
    expect(bigramText('证')).toBe('');
    expect(hanPhraseQuery('户籍证明', 'title')).toBe('title_bi : "户籍 籍证 证明"');
    expect(hanPhraseQuery('证', 'title')).toBe('title : "证"');
    expect(hanPhraseQuery('3证明', 'title')).toBe('title : "3 证 明"');
  });

  it('matches exactly the documents the character phrase matches, on the whole fixture', () => {
    const texts = (db.prepare('SELECT title, aliases, guide FROM catalogue_items').all() as { title: string; aliases: string; guide: string }[])
      .flatMap((r) => [r.title, ...(JSON.parse(r.aliases) as string[]), r.guide]);
    // Every 2- and 3-character Han sequence in a sample of the texts, plus pairs that never occur adjacent.
    const queries = new Set(['户明', '证证', '明户', '办理证明', '营业执照', '食品经营许可']);
    texts.filter((_, i) => i % 7 === 0).forEach((text) => {
      const chars = [...text];
      for (let i = 0; i + 2 <= chars.length; i++) {
        const q2 = chars.slice(i, i + 2).join('');
        const q3 = chars.slice(i, i + 3).join('');
        if (/^\p{Script=Han}{2}$/u.test(q2)) queries.add(q2);
        if (/^\p{Script=Han}{3}$/u.test(q3)) queries.add(q3);
      }
    });
    expect(queries.size).toBeGreaterThan(500);
    const rowids = (table: string, match: string | null) =>
      (db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(match) as number[]).join(',');
    let nonEmpty = 0;
    for (const q of queries) {
      for (const [table, column] of [['catalogue_names_fts', 'title'], ['catalogue_names_fts', 'aliases'], ['catalogue_guide_fts', 'guide']] as const) {
        const bigram = rowids(table, hanPhraseQuery(q, column));
        expect(bigram, `${column} ${q}`).toBe(rowids(table, phraseQuery(q, column)));
        if (bigram !== '') nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(500);
  });
});
