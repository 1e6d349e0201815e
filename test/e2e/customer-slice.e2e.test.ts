import request from 'supertest';
import type { Knex } from 'knex';
import { createReferenceHostTables } from '../../examples/reference-host/reference-host-schema';
import { startQboEmulator } from '../../src/adapters/qbo/emulator/start-qbo-emulator';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { emulatorCustomers, emulatorRequests } from '../support/emulator-state';
import { connectThroughOAuth } from '../support/oauth-walk';
import { enableSync } from '../support/setup-walk';
import { createTestHost, mountPath, type TestHost } from '../support/test-host';

const tenant = '41';

const insertCustomer = (knex: Knex, fields: Record<string, unknown>) =>
  knex('customers').insert({
    company_id: tenant, first_name: 'Maria', last_name: 'Lopez', company_name: null, display_as_company: false, email: 'maria@example.com',
    phone: '813-555-0100', street: '12 Palm Way', city: 'Tampa', state: 'FL', zip: '33601', is_active: true,
    created_at: new Date(), updated_at: new Date(), ...fields,
  });

describe('a customer created or renamed in the host appears in QBO (MariaDB + emulator over HTTP)', () => {
  let db: TestDatabase;
  let emulator: Awaited<ReturnType<typeof startQboEmulator>>;
  let host: TestHost;
  let realmId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await createReferenceHostTables(db.knex);
    emulator = await startQboEmulator({ port: 0 });
    host = await createTestHost(db.knex, emulator.url);
    const callback = await connectThroughOAuth(host.app, tenant);
    expect(callback.status).toBe(303);
    const connection = await request(host.app).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200);
    expect(connection.body.status).toBe('connected');
    realmId = connection.body.realmId;
    await enableSync(host.app, tenant);
  });

  afterAll(async () => {
    await host?.plugin.stop();
    await emulator?.close();
    await db?.destroy();
  });

  it('creates exactly one QBO customer for a host customer inserted and signalled in one transaction', async () => {
    const [id] = await db.knex.transaction(async (trx) => {
      const ids = await insertCustomer(trx, {});
      await host.plugin.notify({ tenantId: tenant, kind: 'customer', id: ids[0]! }, { trx });
      return ids;
    });
    await host.plugin.deliverPending();
    const customers = (await emulatorCustomers(emulator.url, realmId)).filter((c) => c.DisplayName === 'Maria Lopez');
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ GivenName: 'Maria', FamilyName: 'Lopez', Active: true, SyncToken: '0' });
    expect(id).toBeDefined();
  });

  it('renames the same QBO customer, raising its SyncToken, when the host renames it', async () => {
    const row = await db.knex('customers').where({ company_id: tenant, first_name: 'Maria' }).first();
    await db.knex.transaction(async (trx) => {
      await trx('customers').where({ id: row.id }).update({ display_as_company: true, company_name: 'Lopez Pools LLC', updated_at: new Date() });
      await host.plugin.notify({ tenantId: tenant, kind: 'customer', id: row.id }, { trx });
    });
    await host.plugin.deliverPending();
    const customers = await emulatorCustomers(emulator.url, realmId);
    expect(customers.filter((c) => c.DisplayName === 'Maria Lopez')).toHaveLength(0);
    const renamed = customers.filter((c) => c.DisplayName === 'Lopez Pools LLC');
    expect(renamed).toHaveLength(1);
    expect(Number(renamed[0]!.SyncToken)).toBeGreaterThan(0);
    expect(customers).toHaveLength(1);
  });

  it('sends nothing for a host transaction that rolls back', async () => {
    const before = (await emulatorRequests(emulator.url, realmId)).length;
    await expect(
      db.knex.transaction(async (trx) => {
        const ids = await insertCustomer(trx, { first_name: 'Ghost', last_name: 'Writer' });
        await host.plugin.notify({ tenantId: tenant, kind: 'customer', id: ids[0]! }, { trx });
        throw new Error('the host changed its mind');
      }),
    ).rejects.toThrow('the host changed its mind');
    expect(await host.plugin.deliverPending()).toBe(0);
    expect(await emulatorRequests(emulator.url, realmId)).toHaveLength(before);
    expect((await emulatorCustomers(emulator.url, realmId)).map((c) => c.DisplayName)).not.toContain('Ghost Writer');
  });

  it('delivers on its own once the worker runs, within a few seconds', async () => {
    await host.plugin.stop();
    const worker = await createTestHost(db.knex, emulator.url, { worker: { enabled: true, pollMs: 50 } });
    await worker.plugin.start();
    try {
      await db.knex.transaction(async (trx) => {
        const ids = await insertCustomer(trx, { first_name: 'Dana', last_name: 'Whitfield' });
        await worker.plugin.notify({ tenantId: tenant, kind: 'customer', id: ids[0]! }, { trx });
      });
      await waitFor(async () => (await emulatorCustomers(emulator.url, realmId)).some((c) => c.DisplayName === 'Dana Whitfield'));
    } finally {
      await worker.plugin.stop();
    }
  });
});

const waitFor = async (condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
};
