// A TypeScript host's use of the public surface, type-checked (no skipLibCheck) in a scratch app that installed the
// packed tarball, under `nodenext` (as CommonJS and as an ES module) and `commonjs`/`node10` resolution.
import express from 'express';
import knexFactory from 'knex';
import { createQboSyncPlugin, openApiDocument, type HostChange, type QboSyncPlugin, type QboSyncPluginOptions } from 'qbo-sync';
import { startQboEmulator, type RunningQboEmulator } from 'qbo-sync/emulator';

export const mountQboSync = async (app: express.Express, emulator: RunningQboEmulator): Promise<QboSyncPlugin> => {
  const options: QboSyncPluginOptions = {
    knex: knexFactory({ client: 'mysql2', connection: 'mysql://root@127.0.0.1:3306/host' }),
    qbo: { clientId: 'id', clientSecret: 'secret', redirectUri: 'https://host.example/integrations/qbo/oauth/callback', environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url },
    encryptionKey: 'ab'.repeat(32),
    resolveTenant: (req) => String(req.header('x-company-id') ?? ''),
    authorize: (_req, action) => action.endsWith(':read'),
    worker: { pollMs: 250, tenantConcurrency: 4 },
    onEvent: async (event) => {
      if (event.type === 'delivery.failed') console.log(event.tenantId, event.kind, event.hostId, event.reason);
    },
  };
  const plugin = await createQboSyncPlugin(options);
  app.use('/integrations/qbo', plugin.router);
  app.get('/ready', plugin.readiness);
  const health = await plugin.health();
  console.log(health.status, health.worker.lastRoundAt, openApiDocument.openapi);
  const change: HostChange = { tenantId: 'company-1', kind: 'customer', id: 42 };
  await plugin.notify(change);
  return plugin;
};

export const startForTests = async (): Promise<string> => (await startQboEmulator({ port: 0 })).url;

// The types are the package's own, not `any`: a wrong record kind and a missing option are errors.
// @ts-expect-error 'vendor' is not a host record kind
export const wrongKind: HostChange = { tenantId: 'company-1', kind: 'vendor', id: 1 };
// @ts-expect-error resolveTenant and authorize are required
export const missingOptions: QboSyncPluginOptions = { knex: knexFactory({ client: 'mysql2' }), qbo: { clientId: 'id', clientSecret: 'secret', redirectUri: 'https://host.example/cb', environment: 'sandbox' } };
// @ts-expect-error tenantConcurrency is a number
export const wrongWorker: QboSyncPluginOptions['worker'] = { tenantConcurrency: 'lots' };
