import { pinyin, polyphonic } from 'pinyin-pro';

export type PinyinKey = { kind: 'initials' | 'full'; key: string };

const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The context reading of each character, toneless, [a-z0-9] only ('' for brackets and the like). */
export function pinyinSyllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', v: true }).map(clean);
}

/**
 * Search keys for a title or alias: the bundle's context reading (银行 → yinhang) plus, for each
 * polyphonic character, the same key with that one character read another way, so a resident who
 * types the other reading still finds the item. One substitution at a time keeps the count linear.
 */
export function pinyinSearchKeys(text: string, primary: { full: string; initials: string }): PinyinKey[] {
  const keys = new Map<string, PinyinKey>();
  const add = (kind: PinyinKey['kind'], key: string) => {
    if (key) keys.set(`${kind}:${key}`, { kind, key });
  };
  add('full', primary.full);
  add('initials', primary.initials);
  const chars = [...text];
  if (!chars.some((c) => /\p{Script=Han}/u.test(c))) return [...keys.values()];
  const context = pinyinSyllables(text);
  const readings = polyphonic(text, { toneType: 'none', type: 'array', v: true }) as string[][];
  readings.forEach((options, index) => {
    for (const reading of options.map(clean)) {
      if (!reading || reading === context[index]) continue;
      const variant = context.map((syllable, i) => (i === index ? reading : syllable));
      add('full', variant.join(''));
      add('initials', variant.map((s) => s.charAt(0)).join(''));
    }
  });
  return [...keys.values()];
}
