import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { installCatalogue } from './install';
import { catalogueSearchCommand } from './kioskctl-commands';
import { searchCatalogue } from './search';
import { fixtureBundleDir, tempDatabase } from './test-support';
import { matchTiers, type SearchResult } from './types';

let db: Db;
let cleanup: () => void;
beforeAll(() => {
  ({ db, cleanup } = tempDatabase());
  installCatalogue(db, fixtureBundleDir, { source: 'fixture' });
}, 60_000);
afterAll(() => cleanup());

const marked = (r: SearchResult | undefined) => r?.highlight.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');
const tierOf = (r: SearchResult) => matchTiers.indexOf(r.matchedBy);

describe('searchCatalogue', { timeout: 30_000 }, () => {
  it('ranks tiers in order: exact title, prefix, initials, contains, alias, guide', () => {
    for (const query of ['户籍证明', '户籍', '证', '证明', '补贴', 'hjzm', 'zm', '低保', '身份证']) {
      const tiers = searchCatalogue(db, { query, limit: 200 }).map(tierOf);
      expect(tiers, query).toEqual([...tiers].sort((a, b) => a - b));
    }
  });

  it('finds the exact title first, then titles that start with the query', () => {
    const results = searchCatalogue(db, { query: '户籍证明' });
    expect(results[0]).toMatchObject({ matchedBy: 'title-exact', item: { id: 'HZ-JD-001' } });
    expect(marked(results[0])).toBe('[户籍证明]');
    const prefix = searchCatalogue(db, { query: '企业投资项目' });
    expect(prefix.slice(0, 2).map((r) => r.matchedBy)).toEqual(['title-prefix', 'title-prefix']);
    expect(marked(prefix[0])).toMatch(/^\[企业投资项目\]/);
  });

  it('finds two-character and one-character Chinese queries', () => {
    const huji = searchCatalogue(db, { query: '户籍' });
    expect(huji[0]).toMatchObject({ matchedBy: 'title-prefix', item: { title: '户籍证明' } });
    expect(marked(huji[0])).toBe('[户籍]证明');
    expect(huji.some((r) => r.matchedBy === 'guide')).toBe(true);
    const zheng = searchCatalogue(db, { query: '证', limit: 50 });
    expect(zheng).toHaveLength(50);
    expect(zheng[0]?.matchedBy).toBe('title'); // no title starts with 证
    const contains = zheng.find((r) => r.matchedBy === 'title');
    expect(contains?.item.title).toContain('证');
    expect(contains?.highlight.filter((s) => s.match).map((s) => s.text).join('')).toMatch(/^证+$/);
  });

  it('matches a phrase, not scattered characters', () => {
    // 户 and 明 both occur in 户籍证明, but never adjacent.
    expect(searchCatalogue(db, { query: '户明' }).filter((r) => r.item.title === '户籍证明')).toEqual([]);
  });

  it('finds pinyin initials and full pinyin with highlighting', () => {
    const initials = searchCatalogue(db, { query: 'hjzm' });
    expect(initials[0]).toMatchObject({ matchedBy: 'initials', item: { title: '户籍证明' } });
    expect(marked(initials[0])).toBe('[户籍证明]');
    const full = searchCatalogue(db, { query: 'hujizhengming' });
    expect(full[0]).toMatchObject({ matchedBy: 'pinyin', item: { title: '户籍证明' } });
    const partial = searchCatalogue(db, { query: 'huji' });
    expect(partial[0]?.item.title).toBe('户籍证明');
    expect(marked(partial[0])).toBe('[户籍]证明');
    expect(searchCatalogue(db, { query: 'HJZM' })[0]?.item.title).toBe('户籍证明');
  });

  it('handles polyphonic characters by context and by any reading', () => {
    // 行 reads xing in 行政 and 银行; 长 reads zhang in 行长 … the bundle's context reading wins.
    const xz = searchCatalogue(db, { query: 'xzsy', limit: 200 });
    expect(xz.some((r) => r.item.title.startsWith('行政事业单位'))).toBe(true);
    // A resident typing the other reading of 行 (hang) still finds it.
    const other = searchCatalogue(db, { query: 'hangzhengshiye', limit: 200 });
    expect(other.some((r) => r.item.title.startsWith('行政事业单位'))).toBe(true);
  });

  it('finds aliases in Chinese and in pinyin', () => {
    const alias = searchCatalogue(db, { query: '计生证明' });
    expect(alias[0]).toMatchObject({ matchedBy: 'alias', item: { title: '婚育情况证明' }, alias: { text: '计生证明' } });
    expect(alias[0]?.alias?.highlight).toEqual([{ text: '计生证明', match: true }]);
    expect(searchCatalogue(db, { query: 'jszm' })[0]).toMatchObject({ matchedBy: 'alias', item: { title: '婚育情况证明' } });
    expect(searchCatalogue(db, { query: '低保' })[0]).toMatchObject({ matchedBy: 'alias', item: { title: '最低生活保障（新办）' } });
  });

  it('filters by department, audience and level', () => {
    const street = searchCatalogue(db, { query: '证明', level: 'street', limit: 200 });
    expect(street.length).toBeGreaterThan(0);
    expect(street.every((r) => r.item.level === 'street')).toBe(true);
    const legal = searchCatalogue(db, { query: '许可', audience: 'legal', limit: 200 });
    expect(legal.every((r) => r.item.audience === 'legal')).toBe(true);
    const market = searchCatalogue(db, { query: 'sp', department: 'scjgj', limit: 200 });
    expect(market.length).toBeGreaterThan(0);
    expect(market.every((r) => r.item.departmentId === 'scjgj')).toBe(true);
    expect(searchCatalogue(db, { query: '户籍证明', level: 'district' }).some((r) => r.item.title === '户籍证明')).toBe(false);
  });

  it('orders each tier by popularity and respects the limit', () => {
    const results = searchCatalogue(db, { query: '补贴', limit: 100 });
    for (const tier of new Set(results.map((r) => r.matchedBy))) {
      const ranks = results.filter((r) => r.matchedBy === tier).map((r) => r.item.popularity);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(searchCatalogue(db, { query: '证', limit: 7 })).toHaveLength(7);
    expect(new Set(searchCatalogue(db, { query: '证', limit: 200 }).map((r) => r.item.id)).size).toBe(200);
  });

  it('returns nothing for empty, punctuation-only or unknown queries', () => {
    expect(searchCatalogue(db, { query: '   ' })).toEqual([]);
    expect(searchCatalogue(db, { query: '“”《》' })).toEqual([]);
    expect(searchCatalogue(db, { query: 'qqqqxq' })).toEqual([]);
    expect(searchCatalogue(db, { query: '"; DROP TABLE catalogue_items; --' })).toEqual([]);
  });

  it('gives kioskctl the same ranked results with a printable highlight', () => {
    const cli = catalogueSearchCommand(db, { query: 'hjzm' });
    expect(cli[0]).toMatchObject({ matchedBy: 'initials', marked: '[户籍证明]', item: { id: 'HZ-JD-001' } });
    expect(cli.map((r) => r.item.id)).toEqual(searchCatalogue(db, { query: 'hjzm' }).map((r) => r.item.id));
  });
});
