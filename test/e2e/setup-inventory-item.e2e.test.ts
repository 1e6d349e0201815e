import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { createRealm, seedQbo } from '../support/emulator-seed';
import { emulatorState } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { enableSync } from '../support/setup-walk';
import { mountPath } from '../support/test-host';

const tenant = '733';

/** QBO refuses to change an item's type: an Inventory item the plugin imports or adopts stays Inventory, whatever the host calls it. */
describe('QBO Inventory items imported or adopted keep their type when the host edits them (MariaDB + emulator over HTTP)', () => {
  let realmId: string;
  const qbo: Record<string, string> = {};
  const hostIds: Record<string, string> = {};

  const inventoryItem = (name: string, price: number, accounts: { income: string; asset: string }) => ({
    Name: name, Type: 'Inventory', UnitPrice: price, IncomeAccountRef: { value: accounts.income }, AssetAccountRef: { value: accounts.asset },
    TrackQtyOnHand: true, QtyOnHand: 12, InvStartDate: '2026-01-01',
  });
  const qboItem = async (id: string) => (await emulatorState(stack.emulator.url, realmId)).Item!.find((item) => item.Id === id)!;
  const editPrice = async (hostId: string, cents: number) => {
    await stack.db.knex.transaction(async (trx) => {
      await trx('catalog_items').where({ id: hostId }).update({ unit_price_cents: cents, updated_at: new Date() });
      await stack.host.plugin.notify({ tenantId: tenant, kind: 'item', id: hostId }, { trx });
    });
    while ((await stack.host.plugin.deliverPending()) > 0);
  };

  const stack = useHostStack({
    seed: async ({ db, emulator }) => {
      realmId = await createRealm(emulator.url, 'Inventory Pools');
      const chart = (await emulatorState(emulator.url, realmId)).Account ?? [];
      const accounts = { income: chart.find((a) => a.Name === 'Services')!.Id, asset: chart.find((a) => a.Name === 'Inventory Asset')!.Id };
      qbo['pump'] = (await seedQbo(emulator.url, realmId, 'item', inventoryItem('Pump Motor', 310, accounts))).Id;
      qbo['cell'] = (await seedQbo(emulator.url, realmId, 'item', inventoryItem('Salt Cell', 450, accounts))).Id;
      // The host already sells the salt cell as a product: Save & Sync adopts it by name.
      hostIds['cell'] = await new ReferenceHostSeeder(db.knex).item(tenant, { kind: 'product', name: 'Salt Cell', unitPriceCents: 45_000, description: null, sku: null });
    },
  });

  beforeAll(async () => {
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
    const imported = await request(stack.host.app).post(`${mountPath}/import/items`).set('x-company-id', tenant).send({ qboIds: [qbo['pump']] }).expect(200);
    expect(imported.body).toEqual({ imported: 1 });
    hostIds['pump'] = (await stack.db.knex('catalog_items').where({ company_id: tenant, name: 'Pump Motor' }).first()).id.toString();
    const status = await enableSync(stack.host.app, tenant);
    expect(status.job).toMatchObject({ state: 'completed', failed: 0 });
    while ((await stack.host.plugin.deliverPending()) > 0);
  });

  it('imports the Inventory item as a product linked with QBO\'s type, and sends nothing back', async () => {
    expect(await stack.db.knex('catalog_items').where({ id: hostIds['pump'] }).first()).toMatchObject({ kind: 'product', unit_price_cents: 31_000 });
    const link = await stack.db.knex('qbo_links').where({ tenant_id: tenant, kind: 'item', host_id: hostIds['pump'] }).first();
    expect(link.qbo_id).toBe(qbo['pump']);
    expect(JSON.parse(link.pushed)).toMatchObject({ type: 'Inventory' });
    expect(await qboItem(qbo['pump']!)).toMatchObject({ Type: 'Inventory', SyncToken: '0' });
    expect(await qboItem(qbo['cell']!)).toMatchObject({ Type: 'Inventory', SyncToken: '0' });
  });

  it('sends a new price of the imported item and QBO keeps Type Inventory', async () => {
    await editPrice(hostIds['pump']!, 33_500);
    expect(await qboItem(qbo['pump']!)).toMatchObject({ Type: 'Inventory', UnitPrice: 335, SyncToken: '1', QtyOnHand: 12 });
  });

  it('sends a new price of the adopted item and QBO keeps Type Inventory', async () => {
    await editPrice(hostIds['cell']!, 47_500);
    expect(await qboItem(qbo['cell']!)).toMatchObject({ Type: 'Inventory', UnitPrice: 475, SyncToken: '1' });
    const activity = await request(stack.host.app).get(`${mountPath}/activity`).set('x-company-id', tenant).query({ outcome: 'failure' }).expect(200);
    expect(activity.body.items).toEqual([]);
    const state = await emulatorState(stack.emulator.url, realmId);
    expect(state.Item!.filter((item) => ['Pump Motor', 'Salt Cell'].includes(String(item.Name)))).toHaveLength(2);
  });
});
