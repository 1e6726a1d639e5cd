import type { Migration } from './index';

/** Paper refills and technician settings changes (issue #7). Owned by main/maintenance/. */
export const maintenance: Migration = {
  version: 5,
  name: 'maintenance',
  up() {},
};
