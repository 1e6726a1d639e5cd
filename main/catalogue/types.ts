import type {
  Audience as ContractAudience,
  CatalogueDepartment,
  CatalogueForm,
  CatalogueItemSummary,
  HighlightSegment,
  Level as ContractLevel,
} from '../../contract';
import type { BundleItem } from './bundle-schema';

// The shapes the UI receives are declared once, in the contract; the catalogue returns exactly them.
export type Audience = ContractAudience;
export type Level = ContractLevel;
export type Department = CatalogueDepartment;
export type ItemSummary = CatalogueItemSummary;

/** The standardized guide: the seven elements plus how and where to apply. */
export type Guide = Pick<
  BundleItem,
  'itemType' | 'itemTypeEn' | 'legalBasis' | 'conditions' | 'materials' | 'process' | 'timeLimit' | 'fee' | 'venue' | 'channels'
>;

export type FormInfo = CatalogueForm;

export type ItemDetail = ItemSummary & {
  supervisingDepartmentId: string | null;
  aliases: string[];
  guide: Guide;
  forms: FormInfo[];
};

export type Segment = HighlightSegment;

/** Ranking tiers, best first: the order results are returned in. */
export const matchTiers = ['title-exact', 'title-prefix', 'initials', 'pinyin', 'title', 'alias', 'english', 'guide'] as const;
export type MatchedBy = (typeof matchTiers)[number];

export type SearchResult = {
  item: ItemSummary;
  matchedBy: MatchedBy;
  /** The title cut into matched and unmatched pieces (all unmatched when an alias or the guide matched). */
  highlight: Segment[];
  /** For alias matches: the alias and its own highlight. */
  alias?: { text: string; highlight: Segment[] };
};

export type SearchQuery = { query: string; department?: string; audience?: Audience; level?: Level; limit?: number };

export type CatalogueVersion = { id: number; bundleVersion: number; generatedAt: string; installedAt: string; source: string; itemCount: number };

export type CatalogueStats = {
  active: CatalogueVersion | null;
  previous: CatalogueVersion | null;
  departments: number;
  items: number;
  byLevel: Record<Level, number>;
  byAudience: Record<Audience, number>;
  forms: number;
};

export class CatalogueError extends Error {
  constructor(
    readonly code: 'CATALOGUE_INVALID' | 'CATALOGUE_NOT_NEWER' | 'CATALOGUE_NO_PREVIOUS' | 'CATALOGUE_NOT_INSTALLED' | 'CATALOGUE_NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'CatalogueError';
  }
}
