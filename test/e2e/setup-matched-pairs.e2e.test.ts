import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { createRealm, seedQbo } from '../support/emulator-seed';
import { emulatorState } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { enableSync } from '../support/setup-walk';
import { mountPath } from '../support/test-host';

const tenant = '611';

/** Exact matches are linked with QBO's current fields: the delivery that follows sends only what really differs. */
describe('Save & Sync links matched pairs without a needless update (MariaDB + emulator over HTTP)', () => {
  let realmId: string;
  const qbo: Record<string, string> = {};
  const hostIds: Record<string, string> = {};

  const stack = useHostStack({
    seed: async ({ db, emulator }) => {
      realmId = await createRealm(emulator.url, 'Matched Pools');
      const services = ((await emulatorState(emulator.url, realmId)).Account ?? []).find((a) => a.Name === 'Services')!.Id;
      const same = { GivenName: 'Iris', FamilyName: 'Same', PrimaryEmailAddr: { Address: 'iris@example.com' }, PrimaryPhone: { FreeFormNumber: '555-0101' }, BillAddr: { Line1: '1 Main St', City: 'Tampa', CountrySubDivisionCode: 'FL', PostalCode: '33601' } };
      qbo['same'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'Iris Same', ...same })).Id;
      qbo['mail'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'Otto Mail', GivenName: 'Otto', FamilyName: 'Mail', PrimaryEmailAddr: { Address: 'old@example.com' } })).Id;
      qbo['tabs'] = (await seedQbo(emulator.url, realmId, 'item', { Name: 'Same Tabs', Type: 'NonInventory', UnitPrice: 12.5, IncomeAccountRef: { value: services } })).Id;

      const seed = new ReferenceHostSeeder(db.knex);
      hostIds['same'] = await seed.customer(tenant, { firstName: 'Iris', lastName: 'Same', email: 'iris@example.com', phone: '555-0101', street: '1 Main St', city: 'Tampa', state: 'FL', zip: '33601' });
      hostIds['mail'] = await seed.customer(tenant, { firstName: 'Otto', lastName: 'Mail', email: 'new@example.com', phone: null, street: null, city: null, state: null, zip: null });
      hostIds['tabs'] = await seed.item(tenant, { kind: 'product', name: 'Same Tabs', unitPriceCents: 1_250, description: null, sku: null });
    },
  });

  beforeAll(async () => {
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
    const status = await enableSync(stack.host.app, tenant);
    expect(status.job).toMatchObject({ state: 'completed', failed: 0 });
    while ((await stack.host.plugin.deliverPending()) > 0);
  });

  it('links every pair to the QBO record of the same name, with no second copy', async () => {
    const links = await stack.db.knex('qbo_links').where({ tenant_id: tenant }).orderBy(['kind', 'host_id']);
    const byHost = Object.fromEntries(links.map((l) => [`${l.kind}:${l.host_id}`, l.qbo_id]));
    expect(byHost).toEqual({
      [`customer:${hostIds['same']}`]: qbo['same'], [`customer:${hostIds['mail']}`]: qbo['mail'],
      [`item:${hostIds['tabs']}`]: qbo['tabs'],
    });
    const state = await emulatorState(stack.emulator.url, realmId);
    expect(state.Customer).toHaveLength(2);
  });

  it('sends no update for a pair whose fields are identical, and only the e-mail where the e-mail differs', async () => {
    // The delivery engine may write through batches, whose operations the request log does not show: QBO's SyncTokens do.
    const state = await emulatorState(stack.emulator.url, realmId);
    const mail = state.Customer!.find((c) => c.Id === qbo['mail'])!;
    expect(mail['PrimaryEmailAddr']).toEqual({ Address: 'new@example.com' });
    expect(mail['SyncToken']).toBe('1');
    expect(state.Customer!.find((c) => c.Id === qbo['same'])!['SyncToken']).toBe('0');
    expect(state.Item!.find((i) => i.Id === qbo['tabs'])!['SyncToken']).toBe('0');
    const activity = await request(stack.host.app).get(`${mountPath}/activity`).set('x-company-id', tenant).expect(200);
    const updated = (activity.body.items as { action: string; message: string; hostId: string }[]).filter((e) => e.action === 'update');
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ hostId: hostIds['mail'] });
    expect(updated[0]!.message).toBe('Updated customer "Otto Mail" in QuickBooks: Email: old@example.com → new@example.com.');
  });
});
