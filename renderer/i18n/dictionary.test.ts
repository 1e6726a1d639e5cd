import { describe, expect, test } from 'vitest';
import { defineDictionary } from './dictionary';

const zh = { 'a.title': '标题', 'a.count': '共 {count} 项' };

describe('a feature dictionary', () => {
  test('translates in either language and fills placeholders, leaving unknown ones visible', () => {
    const dictionary = defineDictionary(zh, { 'a.title': 'Title', 'a.count': '{count} items' });
    expect(dictionary.translator('zh-CN')('a.count', { count: 3 })).toBe('共 3 项');
    expect(dictionary.translator('en')('a.count', { count: 3 })).toBe('3 items');
    expect(dictionary.translator('en')('a.count')).toBe('{count} items');
    expect(dictionary.tables.en['a.title']).toBe('Title');
  });

  test('the Chinese table is the key set: the compiler rejects a missing, an extra or an unknown key', () => {
    // @ts-expect-error an English table without every Chinese key
    const missing = defineDictionary(zh, { 'a.title': 'Title' });
    // @ts-expect-error an English table with a key Chinese does not have
    const extra = defineDictionary(zh, { 'a.title': 'Title', 'a.count': '{count} items', 'a.more': 'More' });
    const t = defineDictionary(zh, { 'a.title': 'Title', 'a.count': '{count} items' }).translator('en');
    // Never called: tsc checking this line (the @ts-expect-error must be used) is the proof.
    // @ts-expect-error a key neither table has
    const unknown = () => t('a.unknown');
    expect(typeof unknown).toBe('function');
    expect(Object.keys(missing.tables.en)).toHaveLength(1);
    expect(Object.keys(extra.tables.en)).toHaveLength(3);
  });
});
