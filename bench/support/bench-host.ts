import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Knex } from 'knex';
import pino from 'pino';
import { createReferenceHostTables } from '../../examples/reference-host/reference-host-schema';
import type { SettingsStore } from '../../src/application/ports/settings-store.port';
import { createQboSyncPlugin, type QboSyncPlugin, type QboSyncPluginOptions } from '../../src/plugin';
import type { EmulatorProcess } from './emulator-process';
import { waitUntil } from './stats';

export interface BenchHost {
  readonly plugin: QboSyncPlugin;
  readonly url: string;
  /** Connects the tenant to a new emulator company through the real OAuth walk; returns its realm id. */
  connect(tenantId: string): Promise<string>;
  /** The income and deposit accounts, then Save & Sync. */
  enable(tenantId: string, realmId: string): Promise<void>;
  /** Waits until the tenant's initial-sync job has finished (completed or failed); returns its last status. */
  initialSyncDone(tenantId: string, timeoutMs: number): Promise<InitialSyncStatus>;
  call(method: string, path: string, tenantId: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

const mountPath = '/integrations/qbo';

export interface InitialSyncStatus {
  readonly state: string;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
}

/** A minimal host around the plugin, as the tests' host: tenant from `x-company-id`, everyone allowed. */
export const startBenchHost = async (knex: Knex, emulator: EmulatorProcess, overrides: Partial<QboSyncPluginOptions> = {}): Promise<BenchHost> => {
  const { qbo: qboOverrides, ...rest } = overrides;
  let settings: SettingsStore | undefined;
  // The bench host is the reference host: its tables exist before migrate(), which checks the mapping against them.
  await createReferenceHostTables(knex);
  const plugin = await createQboSyncPlugin({
    knex,
    qbo: { clientId: 'bench-client', clientSecret: 'bench-secret', redirectUri: `http://127.0.0.1${mountPath}/oauth/callback`, environment: 'sandbox', apiBaseUrl: emulator.url, oauthBaseUrl: emulator.url, ...qboOverrides },
    encryptionKey: Buffer.alloc(32, 9),
    resolveTenant: (req) => String(req.header('x-company-id') ?? ''),
    authorize: () => true,
    // Warnings only: a benchmark that logs every request measures the logger.
    logger: pino({ level: 'warn' }),
    worker: { enabled: false },
    ...rest,
    // The settings store the plugin runs with, kept to choose the accounts without the page.
    adapters: { ...rest.adapters, settingsStore: (standard) => (settings = standard) },
  });
  await plugin.migrate();
  const app = express();
  app.use(mountPath, plugin.router);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${mountPath}`;

  const call = async (method: string, path: string, tenantId: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      redirect: 'manual',
      headers: { 'x-company-id': tenantId, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (a redirect or a page): keep the text
    }
    return { status: response.status, body: parsed, location: response.headers.get('location') };
  };

  return {
    plugin,
    url,
    call,
    async connect(tenantId) {
      const realmId = await emulator.createRealm(`Bench company ${tenantId}`);
      const authorize = await call('POST', '/connection/authorize', tenantId);
      const consent = await fetch((authorize.body as { url: string }).url, { redirect: 'manual' });
      const location = consent.headers.get('location');
      if (!location) throw new Error(`the emulator's consent did not redirect (HTTP ${consent.status})`);
      const callback = new URL(location);
      const answer = await call('GET', `${callback.pathname.slice(mountPath.length)}${callback.search}`, tenantId);
      if (answer.status !== 303) throw new Error(`the OAuth callback answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return realmId;
    },
    async enable(tenantId, realmId) {
      const accounts = await fetch(`${emulator.url}/__emulator/realms/${realmId}/state`).then((r) => r.json() as Promise<{ Account?: { Id: string; AccountType: string }[] }>);
      const income = accounts.Account?.find((account) => account.AccountType === 'Income');
      const deposit = accounts.Account?.find((account) => account.AccountType === 'Bank' || account.AccountType === 'Other Current Asset');
      if (!income || !deposit) throw new Error('the emulator company has no income or no deposit account');
      await settings!.update(tenantId, { incomeAccountId: income.Id, depositAccountId: deposit.Id });
      const answer = await call('POST', '/sync/enable', tenantId, { acknowledgeWarnings: true });
      if (answer.status !== 202) throw new Error(`Save & Sync answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    },
    async initialSyncDone(tenantId, timeoutMs) {
      let job: InitialSyncStatus | undefined;
      await waitUntil(
        async () => {
          job = ((await call('GET', '/sync/status', tenantId)).body as { job?: InitialSyncStatus }).job;
          return job !== undefined && job.state !== 'running';
        },
        timeoutMs,
        `the initial sync of ${tenantId}`,
        100,
      );
      return job as InitialSyncStatus;
    },
    async close() {
      await plugin.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};
