import type { Db } from '../db/database';
import { catalogueStats } from './catalogue-repository';
import { searchCatalogue } from './search';
import type { CatalogueStats, SearchQuery, SearchResult } from './types';

// Pure functions behind `kioskctl catalogue stats --json` and `kioskctl catalogue search <q> --json`;
// the CLI only opens the database and prints JSON.stringify of what these return.

export function catalogueStatsCommand(db: Db): CatalogueStats {
  return catalogueStats(db);
}

/** The same ranked results the search screen shows, with the highlight flattened for terminals. */
export function catalogueSearchCommand(db: Db, query: SearchQuery): (SearchResult & { marked: string })[] {
  return searchCatalogue(db, query).map((result) => ({
    ...result,
    marked: result.highlight.map((s) => (s.match ? `[${s.text}]` : s.text)).join(''),
  }));
}
