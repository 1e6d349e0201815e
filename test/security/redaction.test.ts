import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import { PinoLogger } from '../../src/adapters/logging/pino.logger';
import { redactText } from '../../src/adapters/logging/redaction';
import { canaryAccessToken, canaryClientSecret, canaryRefreshToken } from '../support/canary';

const captureLogger = () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { logger: new PinoLogger(pino({ level: 'debug' }, sink)), text: () => lines.join(''), parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
};

const secrets = [canaryAccessToken, canaryRefreshToken, canaryClientSecret, 'auth-code-77341', 'state-9a8b7c', 'maria.lopez@example.com'];

describe('the plugin logger never writes a secret', () => {
  it('censors tokens, secrets, codes, states, cookies and e-mails however the context is shaped', () => {
    const { logger, text } = captureLogger();
    logger.error(
      {
        access_token: canaryAccessToken,
        tokens: { refreshToken: canaryRefreshToken },
        qbo: { clientSecret: canaryClientSecret },
        oauth: { query: { code: 'auth-code-77341', state: 'state-9a8b7c' } },
        error: { response: { config: { headers: { Authorization: `Bearer ${canaryAccessToken}`, cookie: 'sid=1' } }, data: { refresh_token: canaryRefreshToken } } },
        customer: { Email: 'maria.lopez@example.com', PrimaryEmailAddr: { Address: 'maria.lopez@example.com' } },
        list: [{ 'client-secret': canaryClientSecret }],
      },
      'token refresh failed',
    );
    const written = text();
    expect(written).toContain('token refresh failed');
    for (const secret of secrets) expect(written).not.toContain(secret);
  });

  it('scrubs secrets that travel inside text: messages, error messages and URLs', () => {
    const { logger, text } = captureLogger();
    logger.warn(
      {
        error: new Error(`invalid_grant for refresh_token=${canaryRefreshToken}`),
        url: `https://host.test/oauth/callback?code=auth-code-77341&state=state-9a8b7c&realmId=9130`,
        header: `Bearer ${canaryAccessToken}`,
        body: JSON.stringify({ refresh_token: canaryRefreshToken, client_secret: canaryClientSecret }),
      },
      'sent a reminder to maria.lopez@example.com',
    );
    const written = text();
    for (const secret of secrets) expect(written).not.toContain(secret);
    expect(written).toContain('realmId=9130');
    expect(written).toContain('invalid_grant');
  });

  it("keeps Intuit's intuit_tid (support asks for it), ids and plain words", () => {
    const { logger, parsed } = captureLogger();
    logger.info({ intuit_tid: '1-6543abc-9f', intuitTid: '1-6543abc-9f', tenantId: '41', realmId: '9130', status: 400 }, 'QBO request');
    expect(parsed()[0]).toMatchObject({ intuit_tid: '1-6543abc-9f', intuitTid: '1-6543abc-9f', tenantId: '41', realmId: '9130', status: 400, msg: 'QBO request' });
  });

  it('survives circular and very deep contexts', () => {
    const { logger, text } = captureLogger();
    const loop: Record<string, unknown> = { refresh_token: canaryRefreshToken };
    loop.self = loop;
    let deep: Record<string, unknown> = { token: canaryAccessToken };
    for (let i = 0; i < 50; i += 1) deep = { deeper: deep };
    logger.error({ loop, deep }, 'odd context');
    expect(text()).toContain('odd context');
    expect(text()).not.toContain(canaryRefreshToken);
    expect(text()).not.toContain(canaryAccessToken);
  });

  it('never lets a planted secret through, wherever it sits in a random context (property)', () => {
    const secretKey = fc.constantFrom('refresh_token', 'accessToken', 'client_secret', 'Authorization', 'code', 'state', 'password', 'cookie', 'email');
    const plainKey = fc.constantFrom('a', 'b', 'detail', 'response', 'body', 'headers', 'data');
    const context = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constant('plain'),
        fc.integer(),
        fc.dictionary(plainKey, tie('node'), { maxKeys: 3 }),
        fc.array(tie('node'), { maxLength: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(context, fc.array(plainKey, { maxLength: 5 }), secretKey, (base, path, key) => {
        const { logger, text } = captureLogger();
        let planted: Record<string, unknown> = { [key]: canaryRefreshToken };
        for (const step of path) planted = { [step]: planted };
        logger.error({ base, planted }, 'x');
        expect(text()).not.toContain(canaryRefreshToken);
      }),
      { numRuns: 200 },
    );
  });

  it('scrubs e-mail addresses and credential parameters from free text', () => {
    expect(redactText('contact a.b+c@sub.example.co.uk now')).toBe('contact [email] now');
    expect(redactText('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: Basic [redacted]');
    expect(redactText('{"refresh_token":"RT1-xyz","x":1}')).toBe('{"refresh_token":"[redacted]","x":1}');
  });
});
