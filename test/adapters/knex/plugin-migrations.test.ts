import type { Knex } from 'knex';
import { migratePluginTables, rollbackPluginTables } from '../../../src/adapters/knex/plugin-migrations';
import { pluginTables } from '../../../src/adapters/knex/plugin-tables';
import { createSqliteDatabase, createTestDatabase } from '../../support/database';

const tablesOf = (prefix: string): string[] => Object.values(pluginTables(prefix));

describe.each(['SQLite', 'MariaDB'] as const)('plugin migrations on %s', (name) => {
  let knex: Knex;
  let destroy: () => Promise<void>;
  beforeAll(async () => {
    const db = name === 'SQLite' ? await createSqliteDatabase() : await createTestDatabase();
    knex = db.knex;
    destroy = db.destroy;
  });
  afterAll(() => destroy());

  it('creates every table under the prefix, and running again changes nothing', async () => {
    await migratePluginTables(knex, 'qbo_');
    for (const table of tablesOf('qbo_')) expect(await knex.schema.hasTable(table)).toBe(true);
    await knex('qbo_settings').insert({ tenant_id: 't1' });
    const applied = await knex('qbo_migrations').count({ n: '*' });
    await migratePluginTables(knex, 'qbo_');
    expect(await knex('qbo_migrations').count({ n: '*' })).toEqual(applied);
    expect(Number(applied[0]?.['n'])).toBeGreaterThanOrEqual(2);
    expect(await knex('qbo_settings').select('tenant_id')).toEqual([{ tenant_id: 't1' }]);
  });

  it('keeps two prefixes in one database independent', async () => {
    await migratePluginTables(knex, 'qbo_');
    await migratePluginTables(knex, 'other_');
    for (const table of tablesOf('other_')) expect(await knex.schema.hasTable(table)).toBe(true);
    await rollbackPluginTables(knex, 'other_');
    for (const table of tablesOf('other_')) expect(await knex.schema.hasTable(table)).toBe(false);
    for (const table of tablesOf('qbo_')) expect(await knex.schema.hasTable(table)).toBe(true);
  });

  it('survives two processes migrating at once', async () => {
    await Promise.all([migratePluginTables(knex, 'race_'), migratePluginTables(knex, 'race_')].map((run) => run.catch((error: Error) => error)));
    await migratePluginTables(knex, 'race_');
    for (const table of tablesOf('race_')) expect(await knex.schema.hasTable(table)).toBe(true);
    // Three runs of every migration's DDL, the second waiting for the first's lock: on a loaded machine MariaDB's DDL
    // alone has taken over 30 s. The test is about correctness, not speed.
  }, 120_000);

  it('refuses a prefix that is not a plain identifier', async () => {
    await expect(migratePluginTables(knex, 'qbo; drop')).rejects.toThrow(/tablePrefix/);
  });
});
