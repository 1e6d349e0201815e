import request from 'supertest';
import type { Knex } from 'knex';
import { emulatorCustomers, emulatorRequests } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { enableSync } from '../support/setup-walk';
import { createTestHost, mountPath } from '../support/test-host';

const tenant = '41';

const insertCustomer = (knex: Knex, fields: Record<string, unknown>) =>
  knex('customers').insert({
    company_id: tenant, first_name: 'Maria', last_name: 'Lopez', company_name: null, display_as_company: false, email: 'maria@example.com',
    phone: '813-555-0100', street: '12 Palm Way', city: 'Tampa', state: 'FL', zip: '33601', is_active: true,
    created_at: new Date(), updated_at: new Date(), ...fields,
  });

describe('a customer created or renamed in the host appears in QBO (MariaDB + emulator over HTTP)', () => {
  const stack = useHostStack();
  let realmId: string;

  beforeAll(async () => {
    const callback = await connectThroughOAuth(stack.host.app, tenant);
    expect(callback.status).toBe(303);
    const connection = await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200);
    expect(connection.body.status).toBe('connected');
    realmId = connection.body.realmId;
    await enableSync(stack.host.app, tenant);
  });

  it('creates exactly one QBO customer for a host customer inserted and signalled in one transaction', async () => {
    const [id] = await stack.db.knex.transaction(async (trx) => {
      const ids = await insertCustomer(trx, {});
      await stack.host.plugin.notify({ tenantId: tenant, kind: 'customer', id: ids[0]! }, { trx });
      return ids;
    });
    await stack.host.plugin.deliverPending();
    const customers = (await emulatorCustomers(stack.emulator.url, realmId)).filter((c) => c.DisplayName === 'Maria Lopez');
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ GivenName: 'Maria', FamilyName: 'Lopez', Active: true, SyncToken: '0' });
    expect(id).toBeDefined();
  });

  it('renames the same QBO customer, raising its SyncToken, when the host renames it', async () => {
    const row = await stack.db.knex('customers').where({ company_id: tenant, first_name: 'Maria' }).first();
    await stack.db.knex.transaction(async (trx) => {
      await trx('customers').where({ id: row.id }).update({ display_as_company: true, company_name: 'Lopez Pools LLC', updated_at: new Date() });
      await stack.host.plugin.notify({ tenantId: tenant, kind: 'customer', id: row.id }, { trx });
    });
    await stack.host.plugin.deliverPending();
    const customers = await emulatorCustomers(stack.emulator.url, realmId);
    expect(customers.filter((c) => c.DisplayName === 'Maria Lopez')).toHaveLength(0);
    const renamed = customers.filter((c) => c.DisplayName === 'Lopez Pools LLC');
    expect(renamed).toHaveLength(1);
    expect(Number(renamed[0]!.SyncToken)).toBeGreaterThan(0);
    expect(customers).toHaveLength(1);
  });

  it('sends nothing for a host transaction that rolls back', async () => {
    const before = (await emulatorRequests(stack.emulator.url, realmId)).length;
    await expect(
      stack.db.knex.transaction(async (trx) => {
        const ids = await insertCustomer(trx, { first_name: 'Ghost', last_name: 'Writer' });
        await stack.host.plugin.notify({ tenantId: tenant, kind: 'customer', id: ids[0]! }, { trx });
        throw new Error('the host changed its mind');
      }),
    ).rejects.toThrow('the host changed its mind');
    expect(await stack.host.plugin.deliverPending()).toBe(0);
    expect(await emulatorRequests(stack.emulator.url, realmId)).toHaveLength(before);
    expect((await emulatorCustomers(stack.emulator.url, realmId)).map((c) => c.DisplayName)).not.toContain('Ghost Writer');
  });

  it('delivers on its own once the worker runs, within a few seconds', async () => {
    await stack.host.plugin.stop();
    const worker = await createTestHost(stack.db.knex, stack.emulator.url, { worker: { enabled: true, pollMs: 50 } });
    await worker.plugin.start();
    try {
      await stack.db.knex.transaction(async (trx) => {
        const ids = await insertCustomer(trx, { first_name: 'Dana', last_name: 'Whitfield' });
        await worker.plugin.notify({ tenantId: tenant, kind: 'customer', id: ids[0]! }, { trx });
      });
      await waitFor(async () => (await emulatorCustomers(stack.emulator.url, realmId)).some((c) => c.DisplayName === 'Dana Whitfield'));
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
