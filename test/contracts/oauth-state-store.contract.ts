import type { OAuthStateStore } from '../../src/application/ports/oauth-state-store.port';
import { uniqueTenant } from './contract-clock';

export interface OAuthStateFixture {
  readonly store: OAuthStateStore;
  /** Another process's store on the same data. */
  readonly peer: OAuthStateStore;
}

export const describeOAuthStateStoreContract = (name: string, makeFixture: () => Promise<OAuthStateFixture>): void => {
  describe(`OAuthStateStore contract: ${name}`, () => {
    const now = 1_700_000_000_000;
    let f: OAuthStateFixture;
    let tenant: string;
    const state = (): string => `state-${uniqueTenant('s')}`;
    beforeEach(async () => {
      f = await makeFixture();
      tenant = uniqueTenant('oauth');
    });

    it('spends a state for the tenant it was issued to, once', async () => {
      const s = state();
      await f.store.issue(tenant, s, now + 600_000);
      expect(await f.store.consume(s, tenant, now)).toBe(true);
      expect(await f.store.consume(s, tenant, now)).toBe(false);
    });

    it('refuses unknown and expired states', async () => {
      const s = state();
      await f.store.issue(tenant, s, now + 1_000);
      expect(await f.store.consume(state(), tenant, now)).toBe(false);
      expect(await f.store.consume('', tenant, now)).toBe(false);
      expect(await f.store.consume('x'.repeat(500), tenant, now)).toBe(false);
      expect(await f.store.consume(s, tenant, now + 1_000)).toBe(false);
    });

    it("leaves a state untouched when another tenant presents it, so its own tenant can still use it", async () => {
      const s = state();
      await f.store.issue(tenant, s, now + 600_000);
      expect(await f.store.consume(s, uniqueTenant('other'), now)).toBe(false);
      expect(await f.store.consume(s, tenant, now)).toBe(true);
    });

    it('lets exactly one of many concurrent callbacks use a state', async () => {
      const s = state();
      await f.store.issue(tenant, s, now + 600_000);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? f.peer : f.store).consume(s, tenant, now)));
      expect(results.filter((r) => r)).toHaveLength(1);
    });

    it('purges the states that expired, used or not, and keeps the live ones', async () => {
      const [expired, spent, live] = [state(), state(), state()];
      await f.store.issue(tenant, expired, now + 1_000);
      await f.store.issue(tenant, spent, now + 2_000);
      await f.store.issue(tenant, live, now + 600_000);
      expect(await f.store.consume(spent, tenant, now)).toBe(true);
      expect(await f.store.purgeExpired(now + 2_000)).toBeGreaterThanOrEqual(2);
      expect(await f.store.consume(live, tenant, now + 2_000)).toBe(true);
      // A purged state is as unknown as one never issued: issuing it again is allowed.
      await f.store.issue(tenant, expired, now + 600_000);
      expect(await f.store.consume(expired, tenant, now + 2_000)).toBe(true);
    });
  });
};
