import { InMemoryActivityLog } from '../../../../src/adapters/memory/in-memory-activity.log';
import { InMemoryConnectionStore } from '../../../../src/adapters/memory/in-memory-connection.store';
import { InMemoryOAuthStateStore } from '../../../../src/adapters/memory/in-memory-oauth-state.store';
import { InMemoryQboAuthorizer } from '../../../../src/adapters/memory/in-memory-qbo.authorizer';
import { InMemoryQboCompanyCheck } from '../../../../src/adapters/memory/in-memory-qbo-company.check';
import { InMemorySettingsStore } from '../../../../src/adapters/memory/in-memory-settings.store';
import { GrantRevoker } from '../../../../src/application/connection/grant-revoker';
import type { ConnectionConfirmer } from '../../../../src/application/ports/connection-confirmer.port';
import { QboPageReads } from '../../../../src/application/setup/qbo-page-reads';
import { CompleteAuthorization } from '../../../../src/application/use-cases/complete-authorization.use-case';
import { ConfirmConnection } from '../../../../src/application/use-cases/confirm-connection.use-case';
import { ContractClock } from '../../../contracts/contract-clock';
import { recordingLogger } from '../../../adapters/qbo/fake-token-server';

const redirectUri = 'https://app.example/integrations/qbo/oauth/callback';

/** Connecting and the background confirmation, on in-memory ports: the paths the emulator cannot produce. */
describe('CompleteAuthorization and ConfirmConnection', () => {
  const build = () => {
    const clock = new ContractClock();
    const authorizer = new InMemoryQboAuthorizer(clock, { redirectUri });
    const check = new InMemoryQboCompanyCheck(authorizer, (realmId) => `Company ${realmId}`);
    const planned: [string, number][] = [];
    const confirmer: ConnectionConfirmer = { confirmLater: (tenantId, afterMs) => void planned.push([tenantId, afterMs]) };
    const parts = {
      authorizer, check, clock, confirmer,
      states: new InMemoryOAuthStateStore(),
      connections: new InMemoryConnectionStore(),
      settings: new InMemorySettingsStore(),
      activity: new InMemoryActivityLog(),
      pageReads: new QboPageReads(clock),
      revoker: new GrantRevoker(authorizer, check, recordingLogger()),
    };
    const complete = new CompleteAuthorization(parts);
    const confirm = new ConfirmConnection(parts);
    /** The admin of `tenantId` consents for `consentedRealm`; the redirect names `claimedRealm`. */
    const callback = async (tenantId: string, consentedRealm: string, claimedRealm = consentedRealm) => {
      const state = `state-${tenantId}-${planned.length}-${Math.random()}`;
      await parts.states.issue(tenantId, state, clock.now() + 600_000);
      const redirect = new URL(authorizer.consent(authorizer.authorizeUrl(state), consentedRealm)).searchParams;
      return complete.execute({ state, code: redirect.get('code') ?? '', error: undefined, realmId: claimedRealm, expectedTenantId: tenantId });
    };
    const messages = async (tenantId: string) => (await parts.activity.list(tenantId, { limit: 10 })).items.map((i) => `${i.outcome}: ${i.message}`);
    return { ...parts, planned, confirm, callback, messages };
  };

  it('keeps a connection QBO was too busy to check as pending, plans its confirmation, then confirms it', async () => {
    const t = build();
    t.check.fail('1001', 'busy');
    expect(await t.callback('T', '1001')).toEqual({ ok: true, value: { tenantId: 'T', realmId: '1001', companyName: null, confirmed: false } });
    expect(await t.connections.get('T')).toMatchObject({ status: 'pending_verification', realmId: '1001' });
    expect(t.planned).toEqual([['T', 60_000]]);

    t.check.fail('1001', 'unavailable');
    expect(await t.confirm.execute('T')).toEqual({ kind: 'waiting', retryAfterMs: null });
    expect(await t.confirm.execute('T')).toEqual({ kind: 'settled' });
    expect(await t.connections.get('T')).toMatchObject({ status: 'connected', companyName: 'Company 1001', statusReason: null });
    expect((await t.messages('T'))[0]).toBe('success: Connected to QuickBooks company Company 1001: QuickBooks confirmed the connection.');
    expect(await t.confirm.execute('T')).toEqual({ kind: 'settled' }); // nothing pending any more
  });

  it('removes and revokes a pending claim QBO refuses once it answers', async () => {
    const t = build();
    t.check.fail('2002', 'busy');
    expect((await t.callback('T', '1001', '2002')).ok).toBe(true);
    const pending = await t.connections.get('T');
    expect(await t.confirm.execute('T')).toEqual({ kind: 'settled' });
    expect(await t.connections.get('T')).toBeNull();
    expect(await t.authorizer.refresh(pending!.tokens.refreshToken)).toMatchObject({ ok: false, error: { kind: 'InvalidGrant' } });
    expect((await t.messages('T'))[0]).toMatch(/^failure: The connection to QuickBooks company 2002 could not be confirmed/);
  });

  it('refreshes a pending access token that expired while QBO was busy before asking again', async () => {
    const t = build();
    t.check.fail('1001', 'busy');
    await t.callback('T', '1001');
    const before = (await t.connections.get('T'))!.tokens;
    t.clock.time = before.accessTokenExpiresAt;
    expect(await t.confirm.execute('T')).toEqual({ kind: 'settled' });
    const after = await t.connections.get('T');
    expect(after).toMatchObject({ status: 'connected' });
    expect(after!.tokens.accessToken).not.toBe(before.accessToken);
  });

  it('refreshes a pending access token QBO refused before its expiry, and confirms with the new one (issue 16)', async () => {
    const t = build();
    t.check.fail('1001', 'busy');
    await t.callback('T', '1001');
    const before = (await t.connections.get('T'))!.tokens;
    t.authorizer.expireAccessToken(before.accessToken);
    expect(await t.confirm.execute('T')).toEqual({ kind: 'settled' });
    const after = await t.connections.get('T');
    expect(after).toMatchObject({ status: 'connected', companyName: 'Company 1001' });
    expect(after!.tokens.accessToken).not.toBe(before.accessToken);
    expect((await t.messages('T'))[0]).toBe('success: Connected to QuickBooks company Company 1001: QuickBooks confirmed the connection.');
  });

  it('still refuses a claim when QBO refuses the refreshed token too', async () => {
    const t = build();
    t.check.fail('2002', 'busy');
    await t.callback('T', '1001', '2002');
    expect(await t.confirm.execute('T')).toEqual({ kind: 'settled' });
    expect(await t.connections.get('T')).toBeNull();
    expect(t.check.checked.filter((realm) => realm === '2002')).toHaveLength(3); // the callback's, then one per token
  });

  it('leaves alone a connection that was replaced or removed before the confirmation ran', async () => {
    const t = build();
    t.check.fail('1001', 'busy');
    await t.callback('T', '1001');
    expect((await t.callback('T', '1001')).ok).toBe(true); // reconnected meanwhile, and confirmed at once
    const connected = await t.connections.get('T');
    expect(await t.confirm.execute('T')).toEqual({ kind: 'settled' });
    expect(await t.connections.get('T')).toEqual(connected);
    await t.connections.remove('T');
    expect(await t.confirm.execute('T')).toEqual({ kind: 'settled' });
    expect(await t.connections.get('T')).toBeNull();
  });

  it("does not revoke refused tokens that open the company of the connection it keeps", async () => {
    const t = build();
    expect((await t.callback('T', '1001')).ok).toBe(true);
    const kept = (await t.connections.get('T'))!;
    // The admin comes back through Intuit for the same company, but the redirect was edited to name another one.
    expect(await t.callback('T', '1001', '2002')).toMatchObject({ ok: false, error: { code: 'company_not_confirmed' } });
    expect(t.authorizer.realmOf(kept.tokens.accessToken)).toBe('1001');
    expect((await t.authorizer.refresh(kept.tokens.refreshToken)).ok).toBe(true);
  });
});
