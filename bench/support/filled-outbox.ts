import type { Knex } from 'knex';
import { KnexOutboxStore } from '../../src/adapters/knex/knex-outbox.store';
import { migratePluginTables } from '../../src/adapters/knex/plugin-migrations';
import { pluginTables } from '../../src/adapters/knex/plugin-tables';
import { SystemClock } from '../../src/adapters/system/system.clock';
import { settleInnoDb } from './innodb-settle';

export interface FilledOutbox {
  readonly outbox: KnexOutboxStore;
  readonly table: string;
  readonly fillSeconds: number;
}

/**
 * The claim benchmarks' table: the plugin's tables migrated, the outbox filled by `fill` (timed), and InnoDB settled
 * so the measured statements meet a table that has run for a while, not one still being flushed.
 */
export const filledOutbox = async (knex: Knex, prefix: string, fill: (table: string, now: number) => Promise<void>): Promise<FilledOutbox> => {
  await migratePluginTables(knex, prefix);
  const table = pluginTables(prefix).outbox;
  const started = Date.now();
  await fill(table, started);
  const fillSeconds = (Date.now() - started) / 1000;
  await settleInnoDb(knex);
  return { outbox: new KnexOutboxStore(knex, prefix, new SystemClock()), table, fillSeconds };
};
