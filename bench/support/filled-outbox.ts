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

/**
 * `count` pending rows spread over `tenants` companies, enqueued in the last hour, one customer each, generated inside
 * MariaDB (its SEQUENCE engine) so a million rows take seconds.
 */
export const insertPendingRows = (knex: Knex, table: string, count: number, tenants: number, now: number): Promise<unknown> =>
  knex.raw(
    `INSERT INTO ?? (tenant_id, kind, host_id, state, attempt, available_at, enqueued_at, dedupe_key)
     SELECT CONCAT('t', seq % ?), 'customer', CONCAT('p', seq), 'pending', 0, ? - 3600000 + seq, ? - 3600000 + seq,
            CONCAT('t', seq % ?, ':customer:p', seq)
     FROM seq_1_to_${Math.trunc(count)}`,
    [table, tenants, now, now, tenants],
  );
