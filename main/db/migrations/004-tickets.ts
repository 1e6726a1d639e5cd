import type { Migration } from './index';

/** Ticket-printer jobs, queue numbers and slips (issue #6). Owned by main/progress/. */
export const tickets: Migration = {
  version: 4,
  name: 'tickets',
  up() {},
};
