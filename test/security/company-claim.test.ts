import request from 'supertest';
import { pageContentSecurityPolicy } from '../../src/adapters/http/page.routes';
import { createRealm } from '../support/emulator-seed';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth, consentRedirect, deliverCallback } from '../support/oauth-walk';
import { enableSync } from '../support/setup-walk';
import { mountPath } from '../support/test-host';
import { RecordingAuthorizer } from './support/recording-authorizer';

/**
 * The company id in Intuit's redirect comes back through the admin's browser: the plugin keeps a connection only for
 * the company QBO says the new tokens open (issue 21). MariaDB, the emulator, the real intuit-oauth client.
 */
describe("the OAuth callback's company id is a claim QBO must confirm (MariaDB + emulator)", () => {
  const authorizer = new RecordingAuthorizer();
  const stack = useHostStack({ hostTables: true, overrides: authorizer.install });
  const app = () => stack.host.app;
  const connection = async (tenant: string) => (await request(app()).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200)).body;
  const connectionRows = (tenant: string) => stack.db.knex('qbo_connections').where({ tenant_id: tenant });
  const activity = async (tenant: string) =>
    ((await request(app()).get(`${mountPath}/activity`).set('x-company-id', tenant).expect(200)).body.items as { message: string; outcome: string }[]);

  /** Tenant A: connected to its own company, records linked, sync on. */
  let realmA: string;
  beforeAll(async () => {
    realmA = await createRealm(stack.emulator.url, 'Alpha Pools');
    expect((await connectThroughOAuth(app(), 'A')).status).toBe(303);
    await enableSync(app(), 'A');
  }, 30_000);

  it("refuses tenant B's callback edited to name tenant A's company, stores nothing and revokes what B obtained", async () => {
    await createRealm(stack.emulator.url, 'Beta Spas');
    const callback = await consentRedirect(app(), 'B');
    callback.searchParams.set('realmId', realmA);
    const refused = await deliverCallback(app(), 'B', callback);

    expect(refused.status).toBe(400);
    expect(refused.type).toBe('text/html');
    expect(refused.headers['content-security-policy']).toBe(pageContentSecurityPolicy);
    expect(refused.text).toContain(`QuickBooks did not confirm that this authorization is for company ${realmA}, so nothing was connected.`);
    expect(await connectionRows('B')).toHaveLength(0);
    expect(await connection('B')).toMatchObject({ status: 'disconnected' });
    expect(authorizer.revoked).toContain(authorizer.lastRefreshToken);
    expect(await authorizer.stillGranted(authorizer.lastRefreshToken)).toBe(false);
    expect((await activity('B'))[0]).toMatchObject({ outcome: 'failure', message: expect.stringContaining('refused') });

    // B has no connection at all, so none of B's traffic can reach, or spend the budget of, A's company.
    await request(app()).get(`${mountPath}/accounts`).set('x-company-id', 'B').expect(409);
    expect(await connection('A')).toMatchObject({ status: 'connected', realmId: realmA, companyName: 'Alpha Pools' });
    await request(app()).get(`${mountPath}/match/customers`).set('x-company-id', 'A').expect(200);
  });

  it('refuses a malformed company id before anything is stored or the state is spent', async () => {
    await createRealm(stack.emulator.url, 'Gamma Pools');
    const genuine = await consentRedirect(app(), 'C');
    const exchangesBefore = authorizer.issued.length;
    for (const forged of ["1' OR '1'='1", '9'.repeat(5_000), '', '12 34']) {
      const callback = new URL(genuine);
      callback.searchParams.set('realmId', forged);
      const refused = await deliverCallback(app(), 'C', callback);
      expect([refused.status, refused.type]).toEqual([400, 'text/html']);
      expect(refused.text).toContain('did not name a valid QuickBooks company');
      expect(refused.headers['content-security-policy']).toBe(pageContentSecurityPolicy);
    }
    expect(await connectionRows('C')).toHaveLength(0);
    expect(authorizer.issued).toHaveLength(exchangesBefore); // no code went to Intuit either
    // The state and the code were never spent on the forgeries: the admin's genuine answer still connects.
    expect((await deliverCallback(app(), 'C', genuine)).status).toBe(303);
    expect(await connection('C')).toMatchObject({ status: 'connected', companyName: 'Gamma Pools' });
  });

  it("runs the wrong-company guard on the company QBO confirmed, and revokes what it refused", async () => {
    const other = await createRealm(stack.emulator.url, 'Delta Books');
    // Edited to name the company A's records are linked to: before, this got past the guard (303).
    const disguised = await consentRedirect(app(), 'A');
    disguised.searchParams.set('realmId', realmA);
    expect((await deliverCallback(app(), 'A', disguised)).status).toBe(400);
    const disguisedToken = authorizer.lastRefreshToken;

    const honest = await deliverCallback(app(), 'A', await consentRedirect(app(), 'A'));
    expect(honest.status).toBe(409);
    expect(honest.text).toContain(`You connected QuickBooks company ${other}, but this account is already synced with company ${realmA}.`);
    expect(authorizer.revoked).toEqual(expect.arrayContaining([disguisedToken, authorizer.lastRefreshToken]));
    expect(await authorizer.stillGranted(authorizer.lastRefreshToken)).toBe(false);

    // A's own connection is the one kept, untouched.
    expect(await connection('A')).toMatchObject({ status: 'connected', realmId: realmA });
    const [row] = await connectionRows('A');
    expect(row.realm_id).toBe(realmA);
  });

  it('revokes the old company on a reconnect to another one, and nothing on a reconnect to the same one', async () => {
    await createRealm(stack.emulator.url, 'Epsilon Pools');
    expect((await connectThroughOAuth(app(), 'D')).status).toBe(303);
    const first = authorizer.lastRefreshToken;
    const second = await createRealm(stack.emulator.url, 'Zeta Pools');
    expect((await connectThroughOAuth(app(), 'D')).status).toBe(303);
    expect(await connection('D')).toMatchObject({ status: 'connected', realmId: second, companyName: 'Zeta Pools' });
    expect(authorizer.revoked).toContain(first);
    expect(await authorizer.stillGranted(first)).toBe(false);

    const revokedBefore = authorizer.revoked.length;
    const kept = authorizer.lastRefreshToken;
    expect((await connectThroughOAuth(app(), 'D')).status).toBe(303);
    expect(authorizer.revoked).toHaveLength(revokedBefore);
    expect(await authorizer.stillGranted(kept)).toBe(true);
    await request(app()).get(`${mountPath}/accounts`).set('x-company-id', 'D').expect(200);
  });
});
