import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { createReferenceHostTables } from '../reference-host/reference-host-schema';
import { startQboEmulator } from '../../src/emulator/start-qbo-emulator';
import { createQboSyncPlugin, type QboSyncPlugin } from '../../src/plugin';
import { mountDemoPages } from './demo-pages';
import { seedDemoQboCompany } from './demo-qbo-seed';
import { demoTenantId, seedDemoHost } from './demo-seed';

export interface DemoHostOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** The interface to listen on: 127.0.0.1 (this machine only) unless told otherwise, e.g. 0.0.0.0 for every interface. */
  readonly host?: string;
  /** The host's database (SQLite or MySQL/MariaDB); the caller opens it and destroys it after `close()`. */
  readonly database: Knex;
  readonly emulatorPort?: number;
  /** How often the delivery worker looks for changes when nothing woke it (ms). */
  readonly pollMs?: number;
  /** The emulated QBO company's home currency (ISO 4217); USD unless said. */
  readonly homeCurrency?: string;
  /** How the emulated QBO company charges sales tax: manual codes and rates unless said ('off': not set up yet). */
  readonly salesTax?: 'automated' | 'manual' | 'off';
}

export interface RunningDemoHost {
  /** The back office, e.g. http://localhost:3000 */
  readonly url: string;
  readonly integrationUrl: string;
  readonly emulatorUrl: string;
  /** The interface the back office listens on. */
  readonly address: string;
  readonly realmId: string;
  readonly plugin: QboSyncPlugin;
  readonly seededHost: boolean;
  close(): Promise<void>;
}

/** The name a browser on this machine uses: loopback and "every interface" are both reached as localhost. */
const browserHost = (host: string | undefined): string =>
  host === undefined || ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;

/**
 * The whole demo in one process: the QBO emulator with a seeded company, the host's tables and data, the plugin
 * mounted at /integrations/qbo with its worker, and the back-office pages. Shared by `npm start` and the browser test.
 */
export const startDemoHost = async (options: DemoHostOptions): Promise<RunningDemoHost> => {
  const emulator = await startQboEmulator({ port: options.emulatorPort ?? 0 });
  const knex = options.database;
  await createReferenceHostTables(knex);
  const seededHost = await seedDemoHost(knex);
  const { realmId } = await seedDemoQboCompany(emulator.url, { ...(options.homeCurrency ? { homeCurrency: options.homeCurrency } : {}), ...(options.salesTax ? { salesTax: options.salesTax } : {}) });

  // The OAuth redirect URI needs the port, so the server listens first and gets its app once the plugin exists.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const url = `http://${browserHost(options.host)}:${(server.address() as AddressInfo).port}`;

  const plugin = await createQboSyncPlugin({
    knex,
    qbo: {
      clientId: 'demo-client', clientSecret: 'demo-secret', environment: 'sandbox',
      redirectUri: `${url}/integrations/qbo/oauth/callback`,
      apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url,
    },
    // A demo key: a real host keeps its own 32-byte key in a secret store.
    encryptionKey: Buffer.alloc(32, 42),
    resolveTenant: () => demoTenantId,
    authorize: () => true,
    // What the memos of the transactions it creates in QuickBooks say they come from.
    hostAppName: 'Blue Lagoon back office',
    worker: { enabled: true, pollMs: options.pollMs ?? 250 },
  });
  await plugin.migrate();

  const app = express();
  app.use('/integrations/qbo', plugin.router);
  mountDemoPages(app, knex, plugin, emulator.url);
  server.on('request', app);
  await plugin.start();

  return {
    url,
    integrationUrl: `${url}/integrations/qbo/`,
    emulatorUrl: emulator.url,
    address: (server.address() as AddressInfo).address,
    realmId,
    plugin,
    seededHost,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await plugin.stop();
      await emulator.close();
    },
  };
};
