import type { Migration } from './index';

/** Outbox size limits and alarms (issue #4). Owned by main/sync/. */
export const outboxLimits: Migration = {
  version: 6,
  name: 'outbox-limits',
  up() {},
};
