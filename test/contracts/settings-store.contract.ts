import { defaultTenantSettings, type SettingsStore } from '../../src/application/ports/settings-store.port';
import { uniqueTenant } from './contract-clock';

export const describeSettingsStoreContract = (name: string, makeStore: () => Promise<SettingsStore>): void => {
  describe(`SettingsStore contract: ${name}`, () => {
    let store: SettingsStore;
    let tenant: string;
    beforeEach(async () => {
      store = await makeStore();
      tenant = uniqueTenant('settings');
    });

    it('gives the defaults to a tenant that never saved anything', async () => {
      expect(await store.get(tenant)).toEqual(defaultTenantSettings);
    });

    it('lists the tenants whose sync is on, and only those', async () => {
      const off = uniqueTenant('settings-off');
      await store.update(tenant, { syncEnabled: true, enabledAt: 5 });
      await store.update(off, { syncEnabled: true, enabledAt: 5 });
      await store.update(off, { syncEnabled: false });
      const enabled = await store.enabledTenants();
      expect(enabled).toContain(tenant);
      expect(enabled).not.toContain(off);
    });

    it('changes only the given fields and keeps the others', async () => {
      await store.update(tenant, { incomeAccountId: '79', syncEnabled: true, enabledAt: 1_700_000_000_123 });
      const after = await store.update(tenant, { depositAccountId: '35', linkedRealmId: '9130' });
      const expected = { ...defaultTenantSettings, incomeAccountId: '79', depositAccountId: '35', syncEnabled: true, enabledAt: 1_700_000_000_123, linkedRealmId: '9130' };
      expect(after).toEqual(expected);
      expect(await store.get(tenant)).toEqual(expected);
      expect(await store.update(tenant, {})).toEqual(expected);
    });

    it('clears fields set to null and turns the sync off again', async () => {
      await store.update(tenant, { incomeAccountId: '79', syncEnabled: true, enabledAt: 5, serviceImportKind: 'work_order_type' });
      expect(await store.update(tenant, { incomeAccountId: null, syncEnabled: false, enabledAt: null })).toEqual({
        ...defaultTenantSettings,
        serviceImportKind: 'work_order_type',
      });
    });

    it('keeps concurrent changes of different fields', async () => {
      await Promise.all([store.update(tenant, { incomeAccountId: '1' }), store.update(tenant, { depositAccountId: '2' }), store.update(tenant, { syncEnabled: true })]);
      expect(await store.get(tenant)).toMatchObject({ incomeAccountId: '1', depositAccountId: '2', syncEnabled: true });
    });

    it('keeps the tax code and both payout accounts, none by default (payouts off), and clears them with null', async () => {
      expect(await store.get(tenant)).toMatchObject({ taxCodeId: null, payoutAccountId: null, payoutFeeAccountId: null });
      await store.update(tenant, { incomeAccountId: '79' });
      const chosen = await store.update(tenant, { taxCodeId: '3', payoutAccountId: '35', payoutFeeAccountId: '81' });
      expect(chosen).toEqual({ ...defaultTenantSettings, incomeAccountId: '79', taxCodeId: '3', payoutAccountId: '35', payoutFeeAccountId: '81' });
      expect(await store.update(tenant, { payoutAccountId: null })).toEqual({ ...chosen, payoutAccountId: null });
      expect(await store.get(tenant)).toEqual({ ...chosen, payoutAccountId: null });
    });

    it('keeps tenants apart', async () => {
      const other = uniqueTenant('other');
      await store.update(tenant, { incomeAccountId: 'mine' });
      expect(await store.get(other)).toEqual(defaultTenantSettings);
    });
  });
};
