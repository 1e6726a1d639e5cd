import type { Feature } from '../contract';

/** The home tiles this version has built; the UI opens the "not yet" page for the others. */
export const FEATURES: Record<Feature, boolean> = {
  guides: true,
  forms: true,
  certificates: true,
  progress: true,
  results: true,
  slips: true,
};
