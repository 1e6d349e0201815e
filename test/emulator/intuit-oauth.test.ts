import OAuthClient from 'intuit-oauth';
import { EmulatorClient } from './emulator-client';

const REDIRECT = 'http://localhost:3000/integrations/qbo/oauth/callback';

describe('emulator driven by intuit-oauth (the library the plugin uses for tokens)', () => {
  const emulator = EmulatorClient.use();
  let client: any;
  beforeAll(() => {
    client = new (OAuthClient as any)({ clientId: 'app', clientSecret: 'secret', environment: 'sandbox', redirectUri: REDIRECT });
    client.setAuthorizeURLs({
      authorizeEndpoint: `${emulator.url}/oauth2/authorize`,
      tokenEndpoint: `${emulator.url}/oauth2/v1/tokens/bearer`,
      revokeEndpoint: `${emulator.url}/oauth2/v1/tokens/revoke`,
      userInfoEndpoint: `${emulator.url}/v1/openid_connect/userinfo`,
    });
  });

  it('authorizes, exchanges the code, refreshes and revokes', async () => {
    const company = await emulator.company('Intuit Lib Co');
    const uri: string = client.authorizeUri({ scope: [(OAuthClient as any).scopes.Accounting], state: 'csrf-1' });
    const consent = await fetch(uri, { redirect: 'manual' });
    const callback = consent.headers.get('location') as string;
    const created = await client.createToken(callback);
    const token = created.getToken();
    expect(token.realmId).toBe(company.realmId);
    expect(token.expires_in).toBe(3600);
    expect(client.isAccessTokenValid()).toBe(true);
    const refreshed = (await client.refreshUsingToken(token.refresh_token)).getToken();
    expect(refreshed.refresh_token).not.toBe(token.refresh_token);
    const api = await emulator.api({ ...company, accessToken: refreshed.access_token }, 'GET', `companyinfo/${company.realmId}`);
    expect(api.body.CompanyInfo.CompanyName).toBe('Intuit Lib Co');
    await client.revoke({ refresh_token: refreshed.refresh_token });
    const refused: any = await client.refreshUsingToken(refreshed.refresh_token).catch((error: unknown) => error);
    expect(refused.error ?? refused.authResponse?.json?.error ?? String(refused)).toMatch(/invalid_grant/);
  });
});
