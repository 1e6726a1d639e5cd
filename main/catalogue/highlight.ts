import { match } from 'pinyin-pro';
import { pinyinSyllables } from './pinyin-variants';
import type { MatchedBy, Segment } from './types';

/** Cuts `text` into segments, marking the characters at `marked` (code-point indexes). */
export function segments(text: string, marked: ReadonlySet<number>): Segment[] {
  const out: Segment[] = [];
  [...text].forEach((char, index) => {
    const isMatch = marked.has(index);
    const last = out.at(-1);
    if (last && last.match === isMatch) last.text += char;
    else out.push({ text: char, match: isMatch });
  });
  return out;
}

function substringMarks(text: string, query: string): Set<number> {
  const chars = [...text.toLowerCase()];
  const q = [...query.toLowerCase()];
  const marks = new Set<number>();
  if (q.length === 0) return marks;
  for (let i = 0; i + q.length <= chars.length; i++) {
    if (q.every((c, j) => chars[i + j] === c)) for (let j = 0; j < q.length; j++) marks.add(i + j);
  }
  return marks;
}

// Walks the title's syllables from the start, as the pinyin keys were matched (a prefix of the
// initials or of the full pinyin). Characters without pinyin (brackets) are skipped.
function pinyinMarks(syllables: readonly string[], query: string, kind: 'initials' | 'full'): Set<number> | null {
  const marks = new Set<number>();
  let rest = query;
  for (let i = 0; i < syllables.length && rest.length > 0; i++) {
    const syllable = syllables[i] ?? '';
    if (!syllable) continue;
    const part = kind === 'initials' ? syllable.charAt(0) : syllable;
    if (rest.startsWith(part)) rest = rest.slice(part.length);
    else if (kind === 'full' && part.startsWith(rest)) rest = '';
    else return null;
    marks.add(i);
  }
  return rest.length === 0 ? marks : null;
}

/**
 * `syllables` = pinyinSyllables(text), stored at install so a search does not run pinyin-pro's
 * segmenter again; computed here when a caller has none.
 */
export function highlightText(text: string, query: string, matchedBy: MatchedBy | 'alias-pinyin', syllables?: readonly string[]): Segment[] {
  if (matchedBy === 'initials' || matchedBy === 'pinyin' || matchedBy === 'alias-pinyin') {
    const readings = syllables ?? pinyinSyllables(text);
    const marks = pinyinMarks(readings, query, 'initials') ?? pinyinMarks(readings, query, 'full');
    if (marks) return segments(text, marks);
    // A polyphonic alternative matched: pinyin-pro's matcher accepts every reading of each character.
    const indexes = match(text, query, { precision: 'start', continuous: true });
    return segments(text, new Set(indexes ?? []));
  }
  if (matchedBy === 'guide' || matchedBy === 'english') return segments(text, new Set());
  return segments(text, substringMarks(text, query));
}
