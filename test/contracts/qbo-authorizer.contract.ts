import type { AuthorizationGrant, QboAuthorizer } from '../../src/application/ports/qbo-authorizer.port';
import { ContractClock } from './contract-clock';

export const redirectUri = 'http://localhost/integrations/qbo/connection/callback';

export interface QboAuthorizerSubject {
  readonly authorizer: QboAuthorizer;
  /** The admin consents on Intuit's page; answers the URL Intuit redirects the browser back to. */
  consent(authorizeUrl: string): Promise<string>;
}

const hour = 3_600_000;

/** What the plugin's callback route takes from Intuit's redirect. */
export const grantOf = (callbackUrl: string): AuthorizationGrant => {
  const params = new URL(callbackUrl).searchParams;
  return { code: params.get('code') ?? '', state: params.get('state') ?? '', realmId: params.get('realmId') ?? '' };
};
const refreshLifetime = 8_726_400_000;

/** What every QboAuthorizer promises: run against intuit-oauth + the emulator's OAuth endpoints and the in-memory one. */
export function describeQboAuthorizerContract(name: string, makeAuthorizer: (clock: ContractClock) => Promise<QboAuthorizerSubject>): void {
  describe(`QboAuthorizer contract: ${name}`, () => {
    let clock: ContractClock;
    let subject: QboAuthorizerSubject;
    let authorizer: QboAuthorizer;
    beforeEach(async () => {
      clock = new ContractClock();
      subject = await makeAuthorizer(clock);
      authorizer = subject.authorizer;
    });

    const connect = async (state = 'state-1') => {
      const callback = await subject.consent(authorizer.authorizeUrl(state));
      const exchanged = await authorizer.exchangeCode(grantOf(callback));
      if (!exchanged.ok) throw new Error(`${exchanged.error.kind}: ${exchanged.error.message}`);
      return { callback, ...exchanged.value };
    };

    it('sends the admin to consent with the state and the redirect URI, and comes back with code, state and realm', async () => {
      const url = new URL(authorizer.authorizeUrl('tenant-state'));
      expect(url.searchParams.get('state')).toBe('tenant-state');
      expect(url.searchParams.get('redirect_uri')).toBe(redirectUri);
      expect(url.searchParams.get('scope')).toBe('com.intuit.quickbooks.accounting');
      const callback = new URL(await subject.consent(url.toString()));
      expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
      expect(callback.searchParams.get('state')).toBe('tenant-state');
      expect(callback.searchParams.get('code')).toEqual(expect.any(String));
      expect(callback.searchParams.get('realmId')).toMatch(/^\d+$/);
      expect(() => authorizer.authorizeUrl('')).toThrow('state');
    });

    it("exchanges the code for the realm and tokens whose expiries follow the clock: an hour and 100 days", async () => {
      const { callback, realmId, tokens } = await connect();
      expect(realmId).toBe(new URL(callback).searchParams.get('realmId'));
      expect(tokens).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        createdAt: clock.time,
        accessTokenExpiresAt: clock.time + hour,
        refreshTokenExpiresAt: clock.time + refreshLifetime,
      });
      expect(tokens.accessToken).not.toBe(tokens.refreshToken);
    });

    it('takes a code only once, refuses an unknown one, and says so when the realm is missing', async () => {
      const { callback } = await connect();
      expect(await authorizer.exchangeCode(grantOf(callback))).toMatchObject({ ok: false, error: { kind: 'InvalidGrant' } });
      const forged = { ...grantOf(callback), code: 'AB11-not-issued' };
      expect(await authorizer.exchangeCode(forged)).toMatchObject({ ok: false, error: { kind: 'InvalidGrant', message: expect.stringContaining('reconnected') } });
      expect(await authorizer.exchangeCode({ ...forged, realmId: '' })).toMatchObject({ ok: false, error: { kind: 'AuthorizationFailed' } });
    });

    it('refreshes with a new pair of tokens that itself refreshes; an unknown refresh token is an invalid grant', async () => {
      const { tokens } = await connect();
      clock.advance(10 * 60_000);
      const refreshed = await authorizer.refresh(tokens.refreshToken);
      expect(refreshed).toMatchObject({ ok: true, value: { createdAt: clock.time, accessTokenExpiresAt: clock.time + hour } });
      if (!refreshed.ok) return;
      expect(refreshed.value.accessToken).not.toBe(tokens.accessToken);
      expect(refreshed.value.refreshToken).not.toBe(tokens.refreshToken);
      expect((await authorizer.refresh(refreshed.value.refreshToken)).ok).toBe(true);
      expect(await authorizer.refresh('RT1-never-issued')).toMatchObject({ ok: false, error: { kind: 'InvalidGrant' } });
    });

    it('revoking a refresh token ends the grant: it and its successors no longer refresh; other grants and unknown tokens are unaffected', async () => {
      const first = await connect('state-a');
      const other = await connect('state-b');
      const rotated = await authorizer.refresh(first.tokens.refreshToken);
      if (!rotated.ok) throw new Error(rotated.error.message);
      await authorizer.revoke(first.tokens.refreshToken);
      expect(await authorizer.refresh(first.tokens.refreshToken)).toMatchObject({ ok: false, error: { kind: 'InvalidGrant' } });
      expect(await authorizer.refresh(rotated.value.refreshToken)).toMatchObject({ ok: false, error: { kind: 'InvalidGrant' } });
      await expect(authorizer.revoke('RT1-never-issued')).resolves.toBeUndefined();
      expect((await authorizer.refresh(other.tokens.refreshToken)).ok).toBe(true);
    });
  });
}
