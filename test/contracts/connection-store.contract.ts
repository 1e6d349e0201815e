import type { ConnectionStore, QboConnection } from '../../src/application/ports/connection-store.port';
import { uniqueTenant } from './contract-clock';

export interface ConnectionFixture {
  readonly store: ConnectionStore;
  /** Another process's store on the same data. */
  readonly peer: ConnectionStore;
}

const connectionOf = (tenantId: string, refreshToken = 'refresh-1'): QboConnection => ({
  tenantId,
  realmId: '9130357',
  companyName: 'Blue Lagoon Pools',
  status: 'connected',
  statusReason: null,
  tokens: {
    accessToken: `access-for-${refreshToken}`,
    refreshToken,
    createdAt: 1_700_000_000_000,
    accessTokenExpiresAt: 1_700_000_3600_000,
    refreshTokenExpiresAt: 1_708_640_000_000,
  },
});

export const describeConnectionStoreContract = (name: string, makeFixture: () => Promise<ConnectionFixture>): void => {
  describe(`ConnectionStore contract: ${name}`, () => {
    let f: ConnectionFixture;
    let tenant: string;
    beforeEach(async () => {
      f = await makeFixture();
      tenant = uniqueTenant('connection');
    });

    it('has no connection for a new tenant', async () => {
      expect(await f.store.get(tenant)).toBeNull();
    });

    it('saves and reads back a connection, then replaces its tokens', async () => {
      await f.store.save(connectionOf(tenant));
      expect(await f.store.get(tenant)).toEqual(connectionOf(tenant));
      await f.store.save(connectionOf(tenant, 'refresh-2'));
      expect(await f.peer.get(tenant)).toEqual(connectionOf(tenant, 'refresh-2'));
    });

    it('marks a connection as needing a reconnect, with the reason', async () => {
      await f.store.save(connectionOf(tenant));
      await f.store.markNeedsReconnect(tenant, 'QuickBooks refused the refresh token; reconnect.');
      expect(await f.store.get(tenant)).toEqual({ ...connectionOf(tenant), status: 'needs_reconnect', statusReason: 'QuickBooks refused the refresh token; reconnect.' });
      await f.store.markNeedsReconnect(uniqueTenant('absent'), 'nothing to mark');
    });

    it('removes a connection and keeps tenants apart', async () => {
      const other = uniqueTenant('other');
      await f.store.save(connectionOf(tenant));
      await f.store.save(connectionOf(other, 'theirs'));
      await f.store.remove(tenant);
      expect(await f.store.get(tenant)).toBeNull();
      expect((await f.store.get(other))?.tokens.refreshToken).toBe('theirs');
    });

    it('serialises refreshes of a tenant: the second sees what the first saved', async () => {
      await f.store.save(connectionOf(tenant));
      const order: string[] = [];
      let letFirstFinish: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (letFirstFinish = resolve));
      let firstInside: () => void = () => undefined;
      const inside = new Promise<void>((resolve) => (firstInside = resolve));

      const first = f.store.withRefreshLock(tenant, async (current) => {
        order.push('first in');
        firstInside();
        await gate;
        await f.store.save(connectionOf(tenant, current?.tokens.refreshToken === 'refresh-1' ? 'refresh-2' : 'wrong'));
        order.push('first out');
        return current?.tokens.refreshToken;
      });
      await inside;
      const second = f.peer.withRefreshLock(tenant, async (current) => {
        order.push('second in');
        return current?.tokens.refreshToken;
      });
      // Give a broken lock every chance to let the second one in early.
      await new Promise((resolve) => setTimeout(resolve, 100));
      letFirstFinish();
      expect(await first).toBe('refresh-1');
      expect(await second).toBe('refresh-2');
      expect(order).toEqual(['first in', 'first out', 'second in']);
    });

    it('releases the lock when the work throws, and does not block other tenants', async () => {
      await f.store.save(connectionOf(tenant));
      await expect(f.store.withRefreshLock(tenant, async () => Promise.reject(new Error('refresh failed')))).rejects.toThrow('refresh failed');
      expect(await f.peer.withRefreshLock(tenant, async (current) => current?.realmId)).toBe('9130357');
      expect(await f.store.withRefreshLock(uniqueTenant('none'), async (current) => current)).toBeNull();
    });
  });
};
