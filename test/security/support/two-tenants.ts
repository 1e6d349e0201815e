import request from 'supertest';
import type { Knex } from 'knex';
import type { RunningQboEmulator } from '../../../src/emulator/start-qbo-emulator';
import type { TestDatabase } from '../../support/database';
import { startHostStack } from '../../support/host-stack';
import { enableSync } from '../../support/setup-walk';
import { connectThroughOAuth } from '../../support/oauth-walk';
import { mountPath, type TestHost } from '../../support/test-host';

export interface ConnectedTenant {
  readonly id: string;
  readonly realmId: string;
  readonly companyName: string;
}

export interface TwoTenants {
  readonly db: TestDatabase;
  readonly emulator: RunningQboEmulator;
  readonly host: TestHost;
  readonly a: ConnectedTenant;
  readonly b: ConnectedTenant;
  /** The tenant's tokens in plain text, to look for them where they must not be. */
  tokensOf(tenant: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Connects `tenant` to a new emulated QBO company (consent goes to the company created last). */
export const connectTenant = async (host: TestHost, emulatorUrl: string, tenant: string, companyName: string): Promise<ConnectedTenant> => {
  const created = await fetch(`${emulatorUrl}/__emulator/realms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ companyName }) });
  const { realmId } = (await created.json()) as { realmId: string };
  const callback = await connectThroughOAuth(host.app, tenant);
  if (callback.status !== 303) throw new Error(`connecting ${tenant} failed: ${callback.status} ${callback.text.slice(0, 200)}`);
  await enableSync(host.app, tenant);
  return { id: tenant, realmId, companyName };
};

/** MariaDB, the emulator and one host with two tenants, each connected to its own QBO company with the sync on. */
export const setUpTwoTenants = async (): Promise<TwoTenants> => {
  const stack = await startHostStack();
  const { db, emulator, host } = stack;
  try {
    const a = await connectTenant(host, emulator.url, '7001', 'Alphamarker Pools QXJ');
    const b = await connectTenant(host, emulator.url, '7002', 'Betamarker Spas WKV');
    return {
      db, emulator, host, a, b,
      async tokensOf(tenant) {
        const connection = await host.ports.connectionStore.get(tenant);
        return connection ? [connection.tokens.accessToken, connection.tokens.refreshToken] : [];
      },
      close: () => stack.close(),
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
};

/** Every plugin-owned row of one tenant, to prove another tenant's requests changed none of them. */
export const snapshotTenantRows = async (knex: Knex, database: string, tenant: string, skip: readonly string[] = []): Promise<Record<string, unknown[]>> => {
  const tables = (await knex('information_schema.columns').where({ table_schema: database, column_name: 'tenant_id' }).select('table_name as name')) as Array<{ name: string }>;
  const snapshot: Record<string, unknown[]> = {};
  for (const { name } of tables.sort((x, y) => x.name.localeCompare(y.name))) {
    if (skip.includes(name)) continue;
    const rows = (await knex(name).where({ tenant_id: tenant })) as unknown[];
    snapshot[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
};
