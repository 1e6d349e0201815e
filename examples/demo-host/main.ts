import knexFactory, { type Knex } from 'knex';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startDemoHost } from './start-demo-host';

const port = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? port + 1);
// The demo signs everyone in as its admin: it listens on this machine only unless HOST says otherwise (HOST=0.0.0.0).
const host = process.env.HOST ?? '127.0.0.1';

/**
 * SQLite by default (nothing to install), started fresh each time because the emulator's QuickBooks company lives
 * in memory; DATABASE_URL=mysql://… runs the same demo on MySQL/MariaDB (use an empty database).
 */
const openDatabase = (): Knex => {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith('mysql')) return knexFactory({ client: 'mysql2', connection: url, pool: { min: 0, max: 10 } });
  const dir = join(process.cwd(), '.demo-data');
  mkdirSync(dir, { recursive: true });
  const filename = join(dir, 'demo.sqlite');
  rmSync(filename, { force: true });
  return knexFactory({ client: 'better-sqlite3', connection: { filename }, useNullAsDefault: true });
};

const main = async (): Promise<void> => {
  const knex = openDatabase();
  const demo = await startDemoHost({ port, host, emulatorPort, database: knex });
  if (!demo.seededHost) console.log('The database already held the demo company: its data was kept (a saved QuickBooks connection will need reconnecting).');
  console.log(`Demo host (Blue Lagoon Pool Service):  ${demo.url}/`);
  console.log(`QuickBooks integration page:          ${demo.integrationUrl}`);
  console.log(`QBO emulator (what QuickBooks holds): ${demo.emulatorUrl}/__emulator/`);

  const shutdown = async (): Promise<void> => {
    await demo.close();
    await knex.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
