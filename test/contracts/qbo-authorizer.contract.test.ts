import { InMemoryQboAuthorizer } from '../../src/adapters/memory/in-memory-qbo.authorizer';
import { IntuitQboAuthorizer } from '../../src/adapters/qbo/intuit-qbo.authorizer';
import { startQboEmulator, type RunningQboEmulator } from '../../src/emulator/start-qbo-emulator';
import { ContractClock } from './contract-clock';
import { describeQboAuthorizerContract, grantOf, redirectUri } from './qbo-authorizer.contract';

let emulator: RunningQboEmulator;
beforeAll(async () => {
  emulator = await startQboEmulator({ port: 0 });
});
afterAll(() => emulator.close());

// The real one: intuit-oauth against the emulator's OAuth endpoints, whose consent page redirects at once.
describeQboAuthorizerContract('intuit-oauth against the emulator', async (clock) => ({
  authorizer: new IntuitQboAuthorizer({ clientId: 'client', clientSecret: 'secret', redirectUri, environment: 'sandbox', oauthBaseUrl: emulator.url }, clock),
  consent: async (authorizeUrl) => {
    const answer = await fetch(authorizeUrl, { redirect: 'manual' });
    const location = answer.headers.get('location');
    if (!location) throw new Error(`the emulator's consent did not redirect (status ${answer.status})`);
    return location;
  },
}));

describeQboAuthorizerContract('in memory', async (clock) => {
  const authorizer = new InMemoryQboAuthorizer(clock, { redirectUri });
  return { authorizer, consent: async (authorizeUrl) => authorizer.consent(authorizeUrl) };
});

describe('InMemoryQboAuthorizer: lifetimes on its injected clock', () => {
  const clock = new ContractClock();
  const authorizer = new InMemoryQboAuthorizer(clock, { redirectUri });

  it('lets a code expire after 5 minutes, a replaced refresh token after a day, and any refresh token after 100 days', async () => {
    const late = authorizer.consent(authorizer.authorizeUrl('s'));
    clock.advance(300_000);
    expect(await authorizer.exchangeCode(grantOf(late))).toMatchObject({ ok: false, error: { kind: 'InvalidGrant' } });

    const exchanged = await authorizer.exchangeCode(grantOf(authorizer.consent(authorizer.authorizeUrl('s'))));
    if (!exchanged.ok) throw new Error(exchanged.error.message);
    const { refreshToken } = exchanged.value.tokens;
    const rotated = await authorizer.refresh(refreshToken);
    expect((await authorizer.refresh(refreshToken)).ok).toBe(true);
    clock.advance(86_400_000);
    expect(await authorizer.refresh(refreshToken)).toMatchObject({ ok: false, error: { kind: 'InvalidGrant' } });

    if (!rotated.ok) throw new Error(rotated.error.message);
    clock.time = rotated.value.refreshTokenExpiresAt;
    expect(await authorizer.refresh(rotated.value.refreshToken)).toMatchObject({ ok: false, error: { kind: 'InvalidGrant' } });
  });
});
