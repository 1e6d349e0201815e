import express, { type Express } from 'express';
import type { Knex } from 'knex';
import { chosen } from '../../src/composition/plugin-ports';
import { createQboSyncPlugin, type PluginAdapters, type PluginPorts, type QboSyncPlugin, type QboSyncPluginOptions } from '../../src/plugin';
import { canaryClientSecret } from './canary';
import { contractRecorder } from './openapi-contract';

export const testEncryptionKey = Buffer.alloc(32, 7);
export const mountPath = '/integrations/qbo';

/** The ports tests look into (to seed an activity log, witness host rows, read stored tokens, seal the ids the API shows). */
type SeenPorts = Pick<PluginPorts, 'hostDirectory' | 'activityLog' | 'connectionStore' | 'settingsStore' | 'opaqueIds' | 'outboxStore'>;
const seen = ['hostDirectory', 'activityLog', 'connectionStore', 'settingsStore', 'opaqueIds', 'outboxStore'] as const;

export interface TestHost {
  readonly app: Express;
  readonly plugin: QboSyncPlugin;
  /** Adapters the plugin runs with, kept through its `adapters` option as a host would. */
  readonly ports: SeenPorts;
}

/** The Intuit app of the test host, pointed at the emulator for both the API and OAuth. */
export const testQboOptions = (emulatorUrl: string): QboSyncPluginOptions['qbo'] => ({
  clientId: 'test-client', clientSecret: canaryClientSecret, redirectUri: `http://host.test${mountPath}/oauth/callback`, environment: 'sandbox', apiBaseUrl: emulatorUrl, oauthBaseUrl: emulatorUrl,
});

/** Every seen port as the plugin chose it (the test's own choice, or the standard adapter), kept in `ports`. */
const keeping = (given: PluginAdapters | undefined, ports: Partial<Record<keyof SeenPorts, unknown>>): PluginAdapters => ({
  ...given,
  ...Object.fromEntries(seen.map((name) => [name, (standard: unknown) => (ports[name] = chosen(given?.[name] as never, () => standard))])),
});

/**
 * A minimal host: its "auth" is the `x-company-id` header (the tenant) and `x-role: viewer` denies management,
 * the plugin mounted at /integrations/qbo, talking to the emulator at `emulatorUrl`, without the admin rate limit
 * unless a suite asks for it.
 */
export const createTestHost = async (knex: Knex, emulatorUrl: string, overrides: Partial<QboSyncPluginOptions> = {}): Promise<TestHost> => {
  const ports: Partial<Record<keyof SeenPorts, unknown>> = {};
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
    adapters: keeping(overrides.adapters, ports),
  });
  await plugin.migrate();
  const app = express();
  // Every answer is checked against the OpenAPI document (test/support/openapi-contract.ts).
  app.use(mountPath, contractRecorder(), plugin.router);
  return { app, plugin, ports: ports as SeenPorts };
};
