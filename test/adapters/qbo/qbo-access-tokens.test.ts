import { InMemoryConnectionStore } from '../../../src/adapters/memory/in-memory-connection.store';
import { IntuitQboAuthorizer } from '../../../src/adapters/qbo/intuit-qbo.authorizer';
import { RememberedConnections } from '../../../src/application/connection/remembered-connections';
import { QboAccessTokens } from '../../../src/adapters/qbo/qbo-access-tokens';
import type { QboOptions } from '../../../src/adapters/qbo/qbo-options';
import type { QboConnection } from '../../../src/application/ports/connection-store.port';
import { recordingLogger, startFakeTokenServer, type FakeTokenServer } from './fake-token-server';

const now = 1_800_000_000_000;
const clock = { now: () => now };

const connection = (accessTokenExpiresAt: number): QboConnection => ({
  tenantId: 't1',
  realmId: 'r1',
  companyName: null,
  status: 'connected',
  statusReason: null,
  tokens: { accessToken: 'access-0', refreshToken: 'refresh-0', createdAt: now - 3_600_000, accessTokenExpiresAt, refreshTokenExpiresAt: now + 10 ** 9 },
});

describe('QboAccessTokens', () => {
  let server: FakeTokenServer;
  let options: QboOptions;
  beforeEach(async () => {
    server = await startFakeTokenServer();
    options = { clientId: 'id', clientSecret: 'secret-xyz', redirectUri: 'http://localhost/cb', environment: 'sandbox', oauthBaseUrl: server.url };
  });
  afterEach(() => server.close());

  const setup = async (stored: QboConnection | null) => {
    const connections = new InMemoryConnectionStore();
    if (stored) await connections.save(stored);
    const logger = recordingLogger();
    const tokens = new QboAccessTokens(connections, new IntuitQboAuthorizer(options, clock), clock, logger);
    return { connections, tokens, logger };
  };

  it('uses a fresh access token without asking Intuit', async () => {
    const { tokens } = await setup(connection(now + 30 * 60_000));
    expect(await tokens.current('t1')).toEqual({ ok: true, value: { realmId: 'r1', accessToken: 'access-0' } });
    expect(server.grants).toHaveLength(0);
  });

  it('refreshes an expiring token once for 20 concurrent callers and stores the rotated refresh token', async () => {
    const { tokens, connections, logger } = await setup(connection(now + 30_000));
    const results = await Promise.all(Array.from({ length: 20 }, () => tokens.current('t1')));
    expect(server.grants).toEqual([{ grantType: 'refresh_token', refreshToken: 'refresh-0' }]);
    expect(new Set(results.map((result) => (result.ok ? result.value.accessToken : 'failed')))).toEqual(new Set(['access-1']));
    const stored = await connections.get('t1');
    expect(stored?.tokens).toEqual({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      createdAt: now,
      accessTokenExpiresAt: now + 3_600_000,
      refreshTokenExpiresAt: now + 8_726_400_000,
    });
    expect(logger.lines.join('\n')).not.toMatch(/access-1|refresh-|secret-xyz/);
  });

  it('uses the token another process refreshed while it waited for the lock', async () => {
    const { tokens, connections } = await setup(connection(now + 30 * 60_000));
    // Another process replaced the token QBO just rejected: no second refresh with the old refresh token.
    await connections.save({ ...connection(now + 30 * 60_000), tokens: { ...connection(0).tokens, accessToken: 'access-other', accessTokenExpiresAt: now + 3_000_000 } });
    expect(await tokens.afterRejection('t1', 'access-0')).toEqual({ ok: true, value: { realmId: 'r1', accessToken: 'access-other' } });
    expect(server.grants).toHaveLength(0);
  });

  it('remembers the connection between requests; a 401 for a token another process replaced reads the row and goes on with its token', async () => {
    const { connections } = await setup(connection(now + 30 * 60_000));
    const remembered = new RememberedConnections(connections, clock);
    const tokens = new QboAccessTokens(remembered, new IntuitQboAuthorizer(options, clock), clock, recordingLogger());
    expect(await tokens.current('t1')).toEqual({ ok: true, value: { realmId: 'r1', accessToken: 'access-0' } });
    // Another process refreshed: this one still sends the token it remembers, until QBO rejects it.
    await connections.save({ ...connection(now + 30 * 60_000), tokens: { ...connection(0).tokens, accessToken: 'access-other', refreshToken: 'refresh-other', accessTokenExpiresAt: now + 3_000_000 } });
    expect(await tokens.current('t1')).toEqual({ ok: true, value: { realmId: 'r1', accessToken: 'access-0' } });
    expect(await tokens.afterRejection('t1', 'access-0')).toEqual({ ok: true, value: { realmId: 'r1', accessToken: 'access-other' } });
    expect(await tokens.current('t1')).toEqual({ ok: true, value: { realmId: 'r1', accessToken: 'access-other' } });
    // The rotated refresh token was never spent a second time.
    expect(server.grants).toHaveLength(0);
  });

  it('marks the connection needs_reconnect on invalid_grant and then stays off the network', async () => {
    server.revoked.add('refresh-0');
    const { tokens, connections } = await setup(connection(now - 1));
    const first = await tokens.current('t1');
    expect(first).toMatchObject({ ok: false, error: { kind: 'NotConnected' } });
    expect((await connections.get('t1'))?.status).toBe('needs_reconnect');
    const again = await Promise.all([tokens.current('t1'), tokens.afterRejection('t1', 'access-0')]);
    expect(again.map((result) => (result.ok ? 'ok' : result.error.kind))).toEqual(['NotConnected', 'NotConnected']);
    expect(server.grants).toHaveLength(1);
  });

  it('answers NotConnected when the tenant never connected', async () => {
    const { tokens } = await setup(null);
    expect(await tokens.current('t1')).toMatchObject({ ok: false, error: { kind: 'NotConnected' } });
    expect(server.grants).toHaveLength(0);
  });
});
