/**
 * A host process that only runs the delivery worker (plugin.start()) on a shared MariaDB database until SIGTERM,
 * then stops it cleanly and exits 0. SIGKILL is the crash the tests inflict.
 * Env: DB_URL (MariaDB database), API_URL (QBO data API), OAUTH_URL, LEASE_MS, POLL_MS, UNTHROTTLED (lift QBO's per-minute limits).
 */
import knexFactory from 'knex';
import { createQboSyncPlugin } from '../../../src/plugin';
import { canaryClientSecret } from '../canary';
import { testEncryptionKey } from '../test-host';

const main = async (): Promise<void> => {
  const knex = knexFactory({ client: 'mysql2', connection: process.env['DB_URL']!, pool: { min: 0, max: 6 } });
  const plugin = await createQboSyncPlugin({
    knex,
    qbo: { clientId: 'test-client', clientSecret: canaryClientSecret, redirectUri: 'http://host.test/integrations/qbo/oauth/callback', environment: 'sandbox', apiBaseUrl: process.env['API_URL']!, oauthBaseUrl: process.env['OAUTH_URL']!,
      ...(process.env['UNTHROTTLED'] ? { limits: { perMinute: 1_000_000, concurrent: 10, batchPerMinute: 1_000_000 } } : {}) },
    encryptionKey: testEncryptionKey,
    resolveTenant: () => 'none',
    authorize: () => false,
    worker: { enabled: true, pollMs: Number(process.env['POLL_MS'] ?? 50), sweepMs: 0 },
    delivery: { leaseMs: Number(process.env['LEASE_MS'] ?? 60_000) },
  });
  await plugin.start();
  process.stdout.write('worker-ready\n');
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await plugin.stop();
  await knex.destroy();
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`delivery worker child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
