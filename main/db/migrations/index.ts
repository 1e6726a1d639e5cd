import type Database from 'better-sqlite3';
import { core } from './001-core';
import { catalogue } from './002-catalogue';
import { sync } from './003-sync';
import { tickets } from './004-tickets';
import { maintenance } from './005-maintenance';
import { outboxLimits } from './006-outbox-limits';

export type Migration = {
  /** 1, 2, 3 … with no gaps: user_version after this migration. */
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
};

/** Append-only. Never edit a migration that has shipped: add the next one. */
export const migrations: readonly Migration[] = [core, catalogue, sync, tickets, maintenance, outboxLimits];
