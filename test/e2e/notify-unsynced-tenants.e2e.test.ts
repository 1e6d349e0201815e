import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { emulatorState } from '../support/emulator-state';
import { createRealm } from '../support/emulator-seed';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { waitForInitialSync } from '../support/setup-walk';
import { mountPath } from '../support/test-host';
import { connectAndEnable } from '../support/workers/sync-tenant';

// Tenants of a host that notifies on every write, whatever the tenant's QuickBooks state (ADR 0031).
const on = '601';
const never = '602';
const connectedOnly = '603';
const paused = '604';

describe('notify for tenants whose sync is not on (MariaDB, the emulator over HTTP)', () => {
  const stack = useHostStack({ tenant: on, timeoutMs: 30_000 });
  const realms: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const rowsOf = async (tenantId: string): Promise<Array<{ state: string }>> => stack.db.knex('qbo_outbox').where({ tenant_id: tenantId }).select('state');
  const customersIn = async (realmId: string): Promise<string[]> => ((await emulatorState(stack.emulator.url, realmId)).Customer ?? []).map((c) => String(c.DisplayName));

  beforeAll(async () => {
    realms[on] = stack.realmId;
    realms[connectedOnly] = await createRealm(stack.emulator.url, 'Connected, never synced');
    expect((await connectThroughOAuth(stack.host.app, connectedOnly)).status).toBe(303);
    realms[paused] = await connectAndEnable(stack.host.app, stack.emulator.url, paused);
    await request(stack.host.app).post(`${mountPath}/sync/disable`).set('x-company-id', paused).expect(200);

    const seed = new ReferenceHostSeeder(stack.db.knex);
    await stack.db.knex.transaction(async (trx) => {
      for (const tenant of [on, never, connectedOnly, paused]) {
        ids[tenant] = await seed.within(trx).customer(tenant, { firstName: 'Notified', lastName: `Tenant ${tenant}` });
        await stack.host.plugin.notify({ tenantId: tenant, kind: 'customer', id: ids[tenant]! }, { trx });
      }
    });
    for (let pass = 0; pass < 4; pass++) await stack.host.plugin.deliverPending();
  }, 60_000);

  it('tells the host whose sync is on', async () => {
    expect(await Promise.all([on, never, connectedOnly, paused].map((tenant) => stack.host.plugin.isSyncOn(tenant)))).toEqual([true, false, false, false]);
  });

  it('delivers the change of a tenant whose sync is on', async () => {
    expect(await rowsOf(on)).toEqual([{ state: 'done' }]);
    expect(await customersIn(realms[on]!)).toContain(`Notified Tenant ${on}`);
  });

  it('expires the changes of tenants that never turned the sync on: nothing pending, nothing sent, nothing logged', async () => {
    for (const tenant of [never, connectedOnly]) {
      expect(await rowsOf(tenant)).toEqual([{ state: 'done' }]);
      expect(await stack.db.knex('qbo_activity').where({ tenant_id: tenant }).whereNot({ action: 'connect' }).select('message')).toEqual([]);
    }
    expect(await customersIn(realms[connectedOnly]!)).not.toContain(`Notified Tenant ${connectedOnly}`);
    // Only the paused tenant's change is left waiting, so the queue's age no longer grows for companies never synced.
    expect((await stack.host.plugin.health()).outbox).toMatchObject({ pending: 1 });
  });

  it('keeps the change of a tenant that turned its sync off, and sends it when the sync is on again', async () => {
    expect(await rowsOf(paused)).toEqual([{ state: 'pending' }]);
    expect(await customersIn(realms[paused]!)).not.toContain(`Notified Tenant ${paused}`);
    await request(stack.host.app).post(`${mountPath}/sync/enable`).set('x-company-id', paused).send({ acknowledgeWarnings: true }).expect(202);
    await waitForInitialSync(stack.host.app, paused);
    // The first sync reads the customer as it is now; the kept row follows once its hold (delivery.holdMs) is over.
    expect(await customersIn(realms[paused]!)).toContain(`Notified Tenant ${paused}`);
    expect(await rowsOf(paused)).toEqual([{ state: 'pending' }]);
  });

  it('the first sync of a tenant whose changes expired still sends its records', async () => {
    await request(stack.host.app).put(`${mountPath}/settings`).set('x-company-id', connectedOnly).send(await accountsOf(connectedOnly)).expect(200);
    await request(stack.host.app).post(`${mountPath}/sync/enable`).set('x-company-id', connectedOnly).send({ acknowledgeWarnings: true }).expect(202);
    expect((await waitForInitialSync(stack.host.app, connectedOnly)).job).toMatchObject({ state: 'completed', failed: 0 });
    expect(await customersIn(realms[connectedOnly]!)).toContain(`Notified Tenant ${connectedOnly}`);
  });

  const accountsOf = async (tenant: string): Promise<{ incomeAccountId: string; depositAccountId: string }> => {
    const { body } = await request(stack.host.app).get(`${mountPath}/accounts`).set('x-company-id', tenant).expect(200);
    return { incomeAccountId: body.income[0].id, depositAccountId: body.deposit[0].id };
  };
});
