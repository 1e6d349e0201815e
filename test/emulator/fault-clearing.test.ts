import { EmulatorClient, type Company } from './emulator-client';

describe('emulator: clearing faults that no request met', () => {
  const emulator = EmulatorClient.use({}, 'each');
  let company: Company;
  let other: Company;
  beforeEach(async () => {
    company = await emulator.company();
    other = await emulator.company();
  });

  it('drops one realm’s armed faults, says how many requests they would have met, and spares the other realm', async () => {
    await emulator.control('POST', '/faults', { realmId: company.realmId, kind: 'server-error', count: 3 });
    await emulator.control('POST', '/faults', { realmId: other.realmId, kind: 'server-error' });
    const cleared = await emulator.control('DELETE', `/faults?realmId=${company.realmId}`);
    expect(cleared.body).toEqual({ realmId: company.realmId, cleared: 3 });
    expect((await emulator.query(company, 'select * from Customer')).status).toBe(200);
    expect((await emulator.query(other, 'select * from Customer')).status).toBe(500);
  });

  it('without a realm drops every armed fault, the realm-less ones included', async () => {
    await emulator.control('POST', '/faults', { kind: 'throttle', count: 2 });
    await emulator.control('POST', '/faults', { realmId: other.realmId, kind: 'server-error' });
    expect((await emulator.control('DELETE', '/faults')).body).toEqual({ realmId: null, cleared: 3 });
    expect((await emulator.query(company, 'select * from Customer')).status).toBe(200);
    expect((await emulator.query(other, 'select * from Customer')).status).toBe(200);
  });

  it('refuses a realmId given twice', async () => {
    const refused = await emulator.control('DELETE', `/faults?realmId=${company.realmId}&realmId=${other.realmId}`);
    expect(refused.status).toBe(400);
  });
});
