import type { Feature } from '../contract';

/** The home tiles this version has built; the UI opens the "not yet" page for the others. */
export const FEATURES: Record<Feature, boolean> = {
  guides: true,
  forms: true,
  certificates: false,
  progress: false,
  results: false,
  slips: false,
};
