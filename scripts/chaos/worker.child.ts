/**
 * One host process of the chaos fleet: the delivery worker (plugin.start()) on the run's own MariaDB, until SIGTERM
 * (then plugin.stop(), timed, and exit 0). SIGKILL is the crash the run inflicts.
 * Env: CHAOS_DB_URL, CHAOS_QBO_URL, CHAOS_CLOCK_SKEW_MS (this process's clock is that far off: the harness's
 * faketime, honoured only here, never by the plugin itself).
 */
const skewMs = Number(process.env['CHAOS_CLOCK_SKEW_MS'] ?? 0);
if (skewMs !== 0) {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + skewMs;
}

import knexFactory from 'knex';
import { createQboSyncPlugin } from '../../src/plugin';
import { chaosPluginOptions } from './chaos-options';

const main = async (): Promise<void> => {
  const knex = knexFactory({ client: 'mysql2', connection: process.env['CHAOS_DB_URL']!, pool: { min: 0, max: 8 } });
  const plugin = await createQboSyncPlugin({ ...chaosPluginOptions(knex, process.env['CHAOS_QBO_URL']!), worker: { enabled: true } });
  await plugin.start();
  process.stdout.write('worker-ready\n');
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  const started = performance.now();
  await plugin.stop();
  process.stdout.write(`worker-stopped ${Math.round(performance.now() - started)}\n`);
  await knex.destroy();
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`chaos worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
