import type { Knex } from 'knex';
import type { QboSyncPluginOptions } from '../../src/plugin';

/** The key the chaos fleet seals its tokens with (a throwaway run, never a real company). */
export const chaosEncryptionKey = Buffer.alloc(32, 16);
export const chaosMountPath = '/integrations/qbo';

/** What every process of the run (workers, host writer, the admin) passes: the plugin's defaults otherwise. */
export const chaosPluginOptions = (knex: Knex, qboUrl: string): QboSyncPluginOptions => ({
  knex,
  qbo: { clientId: 'chaos-client', clientSecret: 'chaos-secret', redirectUri: `http://host.chaos${chaosMountPath}/oauth/callback`, environment: 'sandbox', apiBaseUrl: qboUrl, oauthBaseUrl: qboUrl },
  encryptionKey: chaosEncryptionKey,
  resolveTenant: (req) => String(req.header('x-company-id') ?? ''),
  authorize: () => true,
  worker: { enabled: false },
  adminRateLimit: false,
});
