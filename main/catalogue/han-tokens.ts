// Chinese search without a native tokenizer (SYNC.md §3.5). FTS5's trigram tokenizer cannot match
// queries shorter than three characters, and 户籍 or 证 must work. So every Han character is indexed
// as its own token by the built-in unicode61 tokenizer (we put spaces around each one) and a query
// becomes a phrase of its characters: "户 籍" matches only where 户 is directly followed by 籍.
// Any length works, the index stays in SQLite, and nothing native has to be built per platform.
// Cost: a larger index and no word-level relevance, which the explicit ranking tiers replace.
//
// Speed: a phrase of very common characters (证, 明, 办 …) makes FTS5 walk long doclists and check
// positions in every document holding both, even when no document matches. So Han text is also
// indexed as bigrams of its runs of Han tokens ("户 籍 证 明" → "户籍 籍证 证明"), and a query of 2+
// Han characters becomes a phrase of its bigrams, whose doclists are short. It matches exactly the
// documents the character phrase matches: a run is a sequence of Han tokens that are adjacent in
// the unigram index (punctuation between them is no token, so it does not break the run), and a
// filler token between runs keeps bigrams of different runs from becoming adjacent. The trigram
// tokenizer was not used for 3+ characters because it matches raw substrings (punctuation
// included), which would change which documents match.

const han = /(\p{Script=Han})/gu;
const isHan = (token: string) => /^\p{Script=Han}$/u.test(token);
/** Separates runs in the bigram columns; never a query bigram (those are two Han characters). */
const RUN_BREAK = '0';

/** Text as it is stored in the unigram FTS columns. */
export function unigramText(text: string): string {
  return text.replace(han, ' $1 ');
}

/** Text as it is stored in the bigram FTS columns: the bigrams of each run of Han tokens. */
export function bigramText(text: string): string {
  // unicode61's token characters are the categories L*, N* and Co.
  const tokens = unigramText(text).match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] ?? '';
    const b = tokens[i + 1] ?? '';
    if (isHan(a) && isHan(b)) out.push(a + b);
    else if (out.at(-1) !== RUN_BREAK) out.push(RUN_BREAK);
  }
  return out.join(' ');
}

/** The query's tokens as unicode61 will see them: each Han character, each run of letters or digits. */
export function queryTokens(query: string): string[] {
  return (unigramText(query).normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((token) =>
    /\p{Script=Han}/u.test(token) ? [...token] : [token],
  );
}

/** An FTS5 phrase for the query, or null when it holds nothing searchable. Tokens are letters and digits only, so no quoting is needed. */
export function phraseQuery(query: string, column: string, prefix = false): string | null {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return null;
  return `${column} : "${tokens.join(' ')}"${prefix ? ' *' : ''}`;
}

/**
 * The same phrase over the bigram column `${column}_bi` when the query is 2+ Han characters only,
 * else the unigram phrase (1 character, or Latin and digits mixed in). Same matches either way.
 */
export function hanPhraseQuery(query: string, column: string): string | null {
  const tokens = queryTokens(query);
  if (tokens.length < 2 || !tokens.every(isHan)) return phraseQuery(query, column);
  const bigrams = tokens.slice(1).map((token, i) => `${tokens[i] ?? ''}${token}`);
  return `${column}_bi : "${bigrams.join(' ')}"`;
}
