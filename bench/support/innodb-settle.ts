import type { Knex } from 'knex';

/**
 * A table that has run for a while, not one just bulk-loaded: waits (at most 90 s) until InnoDB has written back
 * the pages the fill dirtied, so the measured statements do not queue behind that flush.
 */
export const settleInnoDb = async (knex: Knex): Promise<void> => {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const [rows] = (await knex.raw("SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_pages_dirty', 'Innodb_buffer_pool_pages_total')")) as [{ Variable_name: string; Value: string }[]];
    const value = (name: string): number => Number(rows.find((row) => row.Variable_name === name)?.Value ?? 0);
    if (value('Innodb_buffer_pool_pages_dirty') <= value('Innodb_buffer_pool_pages_total') * 0.01 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};
