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

    it('gives back the tenant a state was issued to, once', async () => {
      const s = state();
      await f.store.issue(tenant, s, now + 600_000);
      expect(await f.store.consume(s, now)).toBe(tenant);
      expect(await f.store.consume(s, now)).toBeNull();
    });

    it('refuses unknown and expired states', async () => {
      const s = state();
      await f.store.issue(tenant, s, now + 1_000);
      expect(await f.store.consume(state(), now)).toBeNull();
      expect(await f.store.consume('', now)).toBeNull();
      expect(await f.store.consume('x'.repeat(500), now)).toBeNull();
      expect(await f.store.consume(s, now + 1_000)).toBeNull();
    });

    it('lets exactly one of many concurrent callbacks use a state', async () => {
      const s = state();
      await f.store.issue(tenant, s, now + 600_000);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? f.peer : f.store).consume(s, now)));
      expect(results.filter((r) => r === tenant)).toHaveLength(1);
      expect(results.filter((r) => r === null)).toHaveLength(7);
    });
  });
};
