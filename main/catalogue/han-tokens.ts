// Chinese search without a native tokenizer (SYNC.md §3.5). FTS5's trigram tokenizer cannot match
// queries shorter than three characters, and 户籍 or 证 must work. So every Han character is indexed
// as its own token by the built-in unicode61 tokenizer (we put spaces around each one) and a query
// becomes a phrase of its characters: "户 籍" matches only where 户 is directly followed by 籍.
// Any length works, the index stays in SQLite, and nothing native has to be built per platform.
// Cost: a larger index and no word-level relevance, which the explicit ranking tiers replace.

const han = /(\p{Script=Han})/gu;

/** Text as it is stored in the FTS tables. */
export function unigramText(text: string): string {
  return text.replace(han, ' $1 ');
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
