import { IntuitQboAuthorizer } from '../../../src/adapters/qbo/intuit-qbo.authorizer';
import { startFakeTokenServer, type FakeTokenServer } from './fake-token-server';

const clock = { now: () => 1_800_000_000_000 };

describe('IntuitQboAuthorizer', () => {
  let first: FakeTokenServer;
  let second: FakeTokenServer;
  beforeEach(async () => {
    [first, second] = await Promise.all([startFakeTokenServer(), startFakeTokenServer()]);
  });
  afterEach(() => Promise.all([first.close(), second.close()]));

  const authorizerFor = (server: FakeTokenServer) =>
    new IntuitQboAuthorizer({ clientId: 'id', clientSecret: 's', redirectUri: 'http://localhost/cb', environment: 'sandbox', oauthBaseUrl: server.url }, clock);

  it('builds the consent URL with the accounting scope, the state and its own authorize endpoint', () => {
    const url = new URL(authorizerFor(first).authorizeUrl('state-123'));
    expect(`${url.origin}${url.pathname}`).toBe(`${first.url}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'id',
      redirect_uri: 'http://localhost/cb',
      scope: 'com.intuit.quickbooks.accounting',
      state: 'state-123',
    });
  });

  it('keeps each instance on its own endpoints although intuit-oauth stores them process-wide', async () => {
    const [a, b] = [authorizerFor(first), authorizerFor(second)];
    const results = await Promise.all([a.refresh('ra'), b.refresh('rb'), a.refresh('ra2'), b.refresh('rb2')]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(first.grants.map((grant) => grant.refreshToken).sort()).toEqual(['ra', 'ra2']);
    expect(second.grants.map((grant) => grant.refreshToken).sort()).toEqual(['rb', 'rb2']);
  });

  it('exchanges the callback code for the realm and tokens', async () => {
    const result = await authorizerFor(first).exchangeCode({ code: 'c1', state: 's1', realmId: '9130' });
    expect(result).toMatchObject({ ok: true, value: { realmId: '9130', tokens: { accessToken: 'access-1', refreshToken: 'refresh-1' } } });
    expect(first.grants).toEqual([{ grantType: 'authorization_code', refreshToken: null }]);
  });

  it('sends the configured redirect URI and the code alone, whatever the values carry', async () => {
    const sneaky = { code: 'c1&redirect_uri=https://evil.example/cb', state: 's1&redirectUri=https://evil.example/cb', realmId: '9130' };
    await authorizerFor(first).exchangeCode(sneaky);
    expect(first.forms).toEqual([{ grant_type: 'authorization_code', code: sneaky.code, redirect_uri: 'http://localhost/cb' }]);
  });

  it('reports invalid_grant as InvalidGrant and a callback without realm as a plain failure', async () => {
    first.revoked.add('dead');
    expect(await authorizerFor(first).refresh('dead')).toMatchObject({ ok: false, error: { kind: 'InvalidGrant' } });
    expect(await authorizerFor(first).exchangeCode({ code: 'c1', state: 's1', realmId: '' })).toMatchObject({ ok: false, error: { kind: 'AuthorizationFailed' } });
  });

  it('revokes against its own revoke endpoint', async () => {
    await authorizerFor(second).revoke('r-9');
    expect(second.grants).toHaveLength(1);
    expect(first.grants).toHaveLength(0);
  });
});
