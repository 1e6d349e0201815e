import request from 'supertest';
import { aquaHostSchema, createAquaHostTables } from '../../examples/aqua-host/aqua-host-schema';
import { emulatorState } from '../support/emulator-state';
import { createRealm, seedQbo } from '../support/emulator-seed';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { mountPath } from '../support/test-host';

const tenant = '7b0c1d2e-0000-4000-8000-000000000013';
const longName = `Lagoon Estates Homeowners Association ${'North '.repeat(30)}`.trim();

// A mapping that has no aqua category for pool services: the import of a QBO service item has nowhere to go.
const withoutServices = { ...aquaHostSchema, catalogItems: { ...aquaHostSchema.catalogItems, columns: { ...aquaHostSchema.catalogItems!.columns, kind: { column: 'category', values: { chemical: 'dosage', equipment: 'product', repair: 'work_order_type', gift_card: null } } } } };

describe('an import the host refuses names the host table, the column and the value (MariaDB, aqua mapping)', () => {
  const qboIds: Record<string, string> = {};
  const stack = useHostStack({
    hostTables: false,
    hostSchema: withoutServices,
    checkHostAtStartup: true,
    seed: async ({ db, emulator }) => {
      await createAquaHostTables(db.knex);
      const realmId = await createRealm(emulator.url, 'Refusing Pools');
      const income = ((await emulatorState(emulator.url, realmId)).Account ?? []).find((a) => a.Name === 'Services')!.Id;
      qboIds['long'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: longName, CompanyName: 'Lagoon Estates HOA' })).Id;
      qboIds['short'] = (await seedQbo(emulator.url, realmId, 'customer', { DisplayName: 'Reef Co', CompanyName: 'Reef Co' })).Id;
      qboIds['service'] = (await seedQbo(emulator.url, realmId, 'item', { Name: 'Filter Clean', Type: 'Service', UnitPrice: 80, IncomeAccountRef: { value: income } })).Id;
    },
  });
  const as = (req: request.Test): request.Test => req.set('x-company-id', tenant);

  beforeAll(async () => {
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
  });

  it('a name longer than the host column: 409 naming aqua_clients.full_name and the value; nothing of the import kept', async () => {
    const { body } = await as(request(stack.host.app).post(`${mountPath}/import/customers`)).send({ qboIds: [qboIds['short'], qboIds['long']] }).expect(409);
    expect(body.error).toEqual({
      code: 'host_refused_import',
      message: `The app's table aqua_clients refused "${longName}" in column full_name (${JSON.stringify(longName)}): the value is longer than the column allows. Nothing was imported.`,
    });
    expect(await stack.db.knex('aqua_clients').where({ org_uuid: tenant }).count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('an item kind the mapping has no category for: 409 naming aqua_catalog.category and the setting to add', async () => {
    const { body } = await as(request(stack.host.app).post(`${mountPath}/import/items`)).send({ qboIds: [qboIds['service']] }).expect(409);
    expect(body.error).toEqual({
      code: 'host_refused_import',
      message: 'The app\'s table aqua_catalog cannot take "Filter Clean": the mapping has no value of column category for pool services (add one to hostSchema.catalogItems.columns.kind.values). Nothing was imported.',
    });
  });
});
