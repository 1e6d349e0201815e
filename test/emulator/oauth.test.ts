import { EmulatorClient } from './emulator-client';

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const REDIRECT = 'http://localhost:9999/integrations/qbo/oauth/callback';

async function authorize(emulator: EmulatorClient, clientId = 'app-1', scope = 'com.intuit.quickbooks.accounting'): Promise<URL> {
  const url = `${emulator.url}/oauth2/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=${encodeURIComponent(scope)}&state=st-1`;
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') as string);
}

async function token(emulator: EmulatorClient, form: Record<string, string>, auth = basic('app-1', 'secret-1')): Promise<{ status: number; body: any }> {
  const response = await fetch(`${emulator.url}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.json() };
}

describe('emulator: OAuth 2.0 authorize, token, refresh with rotation, revoke', () => {
  let now: number;
  beforeEach(() => {
    now = Date.parse('2026-03-01T12:00:00Z');
  });
  const emulator = EmulatorClient.use({ now: () => now }, 'each');

  it('consents automatically for the company created last, and the code buys tokens shaped as intuit-oauth expects', async () => {
    const company = await emulator.company('Consent Co');
    const redirect = await authorize(emulator);
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT);
    expect(redirect.searchParams.get('state')).toBe('st-1');
    expect(redirect.searchParams.get('realmId')).toBe(company.realmId);
    const answer = await token(emulator, { grant_type: 'authorization_code', code: redirect.searchParams.get('code') as string, redirect_uri: REDIRECT });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 3600,
      x_refresh_token_expires_in: 8726400,
    });
    const api = await emulator.api({ ...company, accessToken: answer.body.access_token }, 'GET', `companyinfo/${company.realmId}`);
    expect(api.status).toBe(200);
    expect(api.body.CompanyInfo.CompanyName).toBe('Consent Co');
  });

  it('makes a new company when none was created, and codes are single use', async () => {
    const redirect = await authorize(emulator);
    expect(redirect.searchParams.get('realmId')).toMatch(/^\d{16}$/);
    const code = redirect.searchParams.get('code') as string;
    expect((await token(emulator, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).status).toBe(200);
    const again = await token(emulator, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(again).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Token invalid' } });
  });

  it('refuses a code presented with another redirect URI', async () => {
    const redirect = await authorize(emulator);
    const answer = await token(emulator, { grant_type: 'authorization_code', code: redirect.searchParams.get('code') as string, redirect_uri: 'http://elsewhere/cb' });
    expect(answer.body.error).toBe('invalid_grant');
  });

  it('can refuse the next authorization as for a user who is not a company admin', async () => {
    await emulator.control('POST', '/deny-next-authorization');
    const refused = await authorize(emulator);
    expect(refused.searchParams.get('error')).toBe('access_denied');
    expect(refused.searchParams.get('code')).toBeNull();
    expect((await authorize(emulator)).searchParams.get('code')).toBeTruthy();
  });

  it('rotates the refresh token on each refresh; the previous one works for 24 hours, then invalid_grant', async () => {
    const company = await emulator.company();
    const first = await token(emulator, { grant_type: 'refresh_token', refresh_token: company.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(company.refreshToken);
    now += 23 * 3600 * 1000;
    expect((await token(emulator, { grant_type: 'refresh_token', refresh_token: company.refreshToken })).status).toBe(200);
    now += 2 * 3600 * 1000;
    expect((await token(emulator, { grant_type: 'refresh_token', refresh_token: company.refreshToken })).body.error).toBe('invalid_grant');
    expect((await token(emulator, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token })).status).toBe(200);
  });

  it('access tokens expire after 3600 s: the API answers 401 with the lowercase fault body', async () => {
    const company = await emulator.company();
    expect((await emulator.api(company, 'GET', 'companyinfo/' + company.realmId)).status).toBe(200);
    now += 3600 * 1000;
    const expired = await emulator.api(company, 'GET', 'companyinfo/' + company.realmId);
    expect(expired.status).toBe(401);
    expect(expired.body.fault.error[0]).toMatchObject({ code: '3200' });
    expect(expired.body.fault.type).toBe('AUTHENTICATION');
    const refreshed = await token(emulator, { grant_type: 'refresh_token', refresh_token: company.refreshToken });
    expect((await emulator.api({ ...company, accessToken: refreshed.body.access_token }, 'GET', 'companyinfo/' + company.realmId)).status).toBe(200);
  });

  it('timeScale shrinks the token lifetime', async () => {
    await emulator.control('POST', '/config', { timeScale: 0.01 });
    const company = await emulator.company();
    now += 35 * 1000;
    expect((await emulator.api(company, 'GET', 'companyinfo/' + company.realmId)).status).toBe(200);
    now += 2 * 1000;
    expect((await emulator.api(company, 'GET', 'companyinfo/' + company.realmId)).status).toBe(401);
  });

  it('revoking a token revokes the whole grant; unknown and revoked refresh tokens get invalid_grant', async () => {
    const company = await emulator.company();
    const revoke = await fetch(`${emulator.url}/oauth2/v1/tokens/revoke`, {
      method: 'POST',
      headers: { authorization: basic('app-1', 's'), 'content-type': 'application/json' },
      body: JSON.stringify({ token: company.refreshToken }),
    });
    expect(revoke.status).toBe(200);
    expect((await token(emulator, { grant_type: 'refresh_token', refresh_token: company.refreshToken })).body.error).toBe('invalid_grant');
    expect((await emulator.api(company, 'GET', 'companyinfo/' + company.realmId)).status).toBe(401);
    expect((await token(emulator, { grant_type: 'refresh_token', refresh_token: 'RT1-never-issued' })).status).toBe(400);
  });

  it('the token endpoint needs Basic client authentication and a known grant type', async () => {
    expect((await token(emulator, { grant_type: 'refresh_token', refresh_token: 'x' }, '')).status).toBe(401);
    expect((await token(emulator, { grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
  });
});

describe('emulator started with a specific OAuth client', () => {
  const emulator = EmulatorClient.use({ clientId: 'only-me', clientSecret: 'right' });

  it('accepts that client only', async () => {
    const company = await emulator.company();
    expect((await token(emulator, { grant_type: 'refresh_token', refresh_token: company.refreshToken }, basic('only-me', 'wrong'))).body.error).toBe('invalid_client');
    expect((await token(emulator, { grant_type: 'refresh_token', refresh_token: company.refreshToken }, basic('only-me', 'right'))).status).toBe(200);
    const wrongClient = await fetch(`${emulator.url}/oauth2/authorize?client_id=other&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=com.intuit.quickbooks.accounting&state=s`, { redirect: 'manual' });
    expect(wrongClient.status).toBe(400);
  });
});
