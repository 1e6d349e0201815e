import express, { type Express } from 'express';
import type { Knex } from 'knex';
import { createQboSyncPlugin, type QboSyncPlugin, type QboSyncPluginOptions } from '../../src/plugin';
import { canaryClientSecret } from './canary';

export const testEncryptionKey = Buffer.alloc(32, 7);
export const mountPath = '/integrations/qbo';

export interface TestHost {
  readonly app: Express;
  readonly plugin: QboSyncPlugin;
}

/** The Intuit app of the test host, pointed at the emulator for both the API and OAuth. */
export const testQboOptions = (emulatorUrl: string): QboSyncPluginOptions['qbo'] => ({
  clientId: 'test-client', clientSecret: canaryClientSecret, redirectUri: `http://host.test${mountPath}/oauth/callback`, environment: 'sandbox', apiBaseUrl: emulatorUrl, oauthBaseUrl: emulatorUrl,
});

/**
 * A minimal host: its "auth" is the `x-company-id` header (the tenant) and `x-role: viewer` denies management,
 * the plugin mounted at /integrations/qbo, talking to the emulator at `emulatorUrl`, without the admin rate limit
 * unless a suite asks for it.
 */
export const createTestHost = async (knex: Knex, emulatorUrl: string, overrides: Partial<QboSyncPluginOptions> = {}): Promise<TestHost> => {
  const plugin = await createQboSyncPlugin({
    knex,
    qbo: testQboOptions(emulatorUrl),
    encryptionKey: testEncryptionKey,
    resolveTenant: (req) => String(req.header('x-company-id') ?? ''),
    authorize: (req, action) => req.header('x-role') !== 'viewer' || action.endsWith(':read'),
    worker: { enabled: false },
    // Suites drive hundreds of requests as one user to prove other things; the limit has its own suite (admin-rate-limit).
    adminRateLimit: false,
    ...overrides,
  });
  await plugin.migrate();
  const app = express();
  app.use(mountPath, plugin.router);
  return { app, plugin };
};
