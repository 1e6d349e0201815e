/**
 * A host process that only resumes initial-sync jobs (plugin.start()) and exits 0 once none runs.
 * Env: DB_URL (MariaDB database), API_URL (QBO data API), OAUTH_URL, LEASE_MS.
 */
import knexFactory from 'knex';
import { createQboSyncPlugin } from '../../../src/plugin';
import { testEncryptionKey } from '../../support/test-host';

const main = async (): Promise<void> => {
  const knex = knexFactory({ client: 'mysql2', connection: process.env['DB_URL']!, pool: { min: 0, max: 4 } });
  const plugin = await createQboSyncPlugin({
    knex,
    qbo: { clientId: 'test-client', clientSecret: 'test-secret', redirectUri: 'http://host.test/integrations/qbo/oauth/callback', environment: 'sandbox', apiBaseUrl: process.env['API_URL']!, oauthBaseUrl: process.env['OAUTH_URL']! },
    encryptionKey: testEncryptionKey,
    resolveTenant: () => 'none',
    authorize: () => false,
    worker: { enabled: false },
    delivery: { leaseMs: Number(process.env['LEASE_MS'] ?? 1000) },
  });
  await plugin.start();
  for (;;) {
    const running = await knex('qbo_jobs').whereNotNull('running_key').count({ n: '*' });
    if (Number(running[0]?.['n']) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await plugin.stop();
  await knex.destroy();
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`initial-sync child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
