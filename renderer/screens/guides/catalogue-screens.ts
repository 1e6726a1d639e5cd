import type { Audience } from '../../../contract/catalogue';

/** What an item list is filtered by; the kiosk's catalogue.items takes the same fields. */
export type ItemFilter = { department?: string; audience?: Audience; lifeEvent?: string };

export type GuidesSection = 'departments' | 'lifeEvents' | 'audience';

/**
 * The catalogue screens as session stack entries. Each carries the small state worth keeping
 * when the resident goes on and comes back (the page they were on, what they typed): a screen
 * writes it into its own entry (session.replace) before opening the next one. All of it lives in
 * the session, so the idle wipe takes it too.
 */
export type CatalogueScreen =
  | { name: 'guides'; section?: GuidesSection; page?: number }
  | { name: 'guide-items'; filter: ItemFilter; title: { zh: string; en: string }; page?: number }
  | { name: 'guide'; itemId: string; part?: number }
  | { name: 'guide-search'; query?: string; page?: number }
  | { name: 'guide-email'; itemId: string }
  | { name: 'forms'; query?: string; page?: number };
