import { EmulatorClient, faultCode, type Company } from './emulator-client';

describe('emulator: requestid replay and fault injection', () => {
  const emulator = EmulatorClient.use({}, 'each');
  let company: Company;
  beforeEach(async () => {
    company = await emulator.company();
  });

  it('the same requestid returns the original answer without writing again, also for a refusal', async () => {
    const first = await emulator.create(company, 'Customer', { DisplayName: 'Replay Me' }, 'req-1');
    const again = await emulator.create(company, 'Customer', { DisplayName: 'Replay Me' }, 'req-1');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await emulator.state(company)).Customer).toHaveLength(1);
    const refused = await emulator.create(company, 'Customer', { DisplayName: 'replay me' }, 'req-2');
    expect(faultCode(refused)).toBe('6240');
    expect(await emulator.create(company, 'Customer', { DisplayName: 'replay me' }, 'req-2')).toMatchObject({ status: 400, body: refused.body });
    const log = await emulator.requests(company);
    expect(log.map((entry) => [entry.requestid, entry.replayed])).toEqual([['req-1', false], ['req-1', true], ['req-2', false], ['req-2', true]]);
  });

  it('requestids are per company', async () => {
    const other = await emulator.company();
    await emulator.create(company, 'Customer', { DisplayName: 'Same Id' }, 'shared');
    expect((await emulator.create(other, 'Customer', { DisplayName: 'Same Id' }, 'shared')).status).toBe(200);
    expect((await emulator.state(other)).Customer).toHaveLength(1);
  });

  it('apply-then-drop does the write and cuts the connection; the retry with the same requestid gets the stored answer', async () => {
    await emulator.control('POST', '/faults', { realmId: company.realmId, kind: 'apply-then-drop' });
    await expect(emulator.create(company, 'Customer', { DisplayName: 'Dropped Once' }, 'drop-1')).rejects.toThrow();
    expect((await emulator.state(company)).Customer).toHaveLength(1);
    const retry = await emulator.create(company, 'Customer', { DisplayName: 'Dropped Once' }, 'drop-1');
    expect(retry.status).toBe(200);
    expect(retry.body.Customer.DisplayName).toBe('Dropped Once');
    expect((await emulator.state(company)).Customer).toHaveLength(1);
    expect((await emulator.requests(company)).map((entry) => [entry.status, entry.dropped, entry.replayed])).toEqual([[200, true, false], [200, false, true]]);
  });

  it('throttle answers 429 with the 3001 body, count times, then requests pass again', async () => {
    await emulator.control('POST', '/faults', { realmId: company.realmId, kind: 'throttle', count: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const throttled = await emulator.query(company, 'select * from Customer');
      expect(throttled.status).toBe(429);
      expect(throttled.body.Fault).toMatchObject({ type: 'SERVICE', Error: [{ code: '3001', Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429' }] });
    }
    expect((await emulator.query(company, 'select * from Customer')).status).toBe(200);
  });

  it('a fault without realmId hits any company; a realm fault spares the others', async () => {
    const other = await emulator.company();
    await emulator.control('POST', '/faults', { realmId: other.realmId, kind: 'server-error' });
    expect((await emulator.query(company, 'select * from Customer')).status).toBe(200);
    const failed = await emulator.query(other, 'select * from Customer');
    expect(failed.status).toBe(500);
    expect(failed.body.Fault.type).toBe('SystemFault');
    await emulator.control('POST', '/faults', { kind: 'unavailable' });
    const unavailable = await emulator.query(company, 'select * from Customer');
    expect(unavailable.status).toBe(503);
    expect(typeof unavailable.body).toBe('string');
  });

  it('server-error on a write does not write, and a retry with the same requestid really runs', async () => {
    await emulator.control('POST', '/faults', { realmId: company.realmId, kind: 'server-error' });
    expect((await emulator.create(company, 'Customer', { DisplayName: 'After Outage' }, 'r-500')).status).toBe(500);
    expect((await emulator.state(company)).Customer).toBeUndefined();
    expect((await emulator.create(company, 'Customer', { DisplayName: 'After Outage' }, 'r-500')).status).toBe(200);
  });

  it('timeout holds the request until the client gives up, without writing', async () => {
    await emulator.control('POST', '/faults', { realmId: company.realmId, kind: 'timeout' });
    const attempt = fetch(`${emulator.url}/v3/company/${company.realmId}/customer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${company.accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ DisplayName: 'Never Written' }),
      signal: AbortSignal.timeout(300),
    });
    await expect(attempt).rejects.toThrow();
    expect((await emulator.state(company)).Customer).toBeUndefined();
    expect((await emulator.requests(company))[0]).toMatchObject({ status: 0, dropped: true });
  });

  it('expire-access-token makes the current token fail with 401 until refreshed; revoke-refresh-token kills the grant', async () => {
    await emulator.control('POST', '/faults', { realmId: company.realmId, kind: 'expire-access-token' });
    expect((await emulator.query(company, 'select * from Customer')).status).toBe(401);
    const refresh = async () =>
      fetch(`${emulator.url}/oauth2/v1/tokens/bearer`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: company.refreshToken }).toString(),
      });
    const renewed = (await (await refresh()).json()) as any;
    expect((await emulator.query({ ...company, accessToken: renewed.access_token }, 'select * from Customer')).status).toBe(200);
    await emulator.control('POST', '/faults', { realmId: company.realmId, kind: 'revoke-refresh-token' });
    const revoked = await refresh();
    expect(revoked.status).toBe(400);
    expect(await revoked.json()).toEqual({ error: 'invalid_grant', error_description: 'Token invalid' });
  });
});

describe('emulator: rate limits and latency', () => {
  let company: Company;
  let now: number;
  beforeEach(() => {
    now = 1_800_000_000_000;
  });
  const emulator = EmulatorClient.use({ now: () => now }, 'each');
  beforeEach(async () => {
    company = await emulator.company();
  });

  it('are off by default', async () => {
    const answers = await Promise.all(Array.from({ length: 25 }, () => emulator.query(company, 'select * from Customer')));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  });

  it('perMinute: the request over the limit gets 429/3001 until the window slides; other companies are not affected', async () => {
    await emulator.control('POST', '/config', { rateLimits: { perMinute: 3 } });
    for (let index = 0; index < 3; index += 1) expect((await emulator.query(company, 'select * from Customer')).status).toBe(200);
    const over = await emulator.query(company, 'select * from Customer');
    expect(over.status).toBe(429);
    expect(faultCode(over)).toBe('3001');
    const other = await emulator.company();
    expect((await emulator.query(other, 'select * from Customer')).status).toBe(200);
    now += 60_000;
    expect((await emulator.query(company, 'select * from Customer')).status).toBe(200);
  });

  it('batchPerMinute counts batch requests separately, and timeScale shrinks the window', async () => {
    await emulator.control('POST', '/config', { rateLimits: { batchPerMinute: 1 }, timeScale: 0.5 });
    const batch = { BatchItemRequest: [{ bId: 'q', Query: 'select * from Customer' }] };
    expect((await emulator.api(company, 'POST', 'batch', batch)).status).toBe(200);
    expect((await emulator.api(company, 'POST', 'batch', batch)).status).toBe(429);
    expect((await emulator.query(company, 'select * from Customer')).status).toBe(200);
    now += 30_000;
    expect((await emulator.api(company, 'POST', 'batch', batch)).status).toBe(200);
  });

  it('concurrent: requests beyond the limit in flight at once get 429', async () => {
    await emulator.control('POST', '/config', { rateLimits: { concurrent: 2, perMinute: 1000 }, latencyMs: 500 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => emulator.query(company, 'select * from Customer')));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    await emulator.control('POST', '/config', { rateLimits: null, latencyMs: 0 });
    expect((await emulator.control('GET', '/config')).body).toEqual({ rateLimits: null, latencyMs: 0, timeScale: 1, replayRefusals: true });
  });
});

describe('emulator: requestid length', () => {
  it('refuses a requestid over 50 characters (6000) and accepts 50', async () => {
    const emulator = await EmulatorClient.start();
    try {
      const company = await emulator.company();
      expect(faultCode(await emulator.create(company, 'Customer', { DisplayName: 'Long Id' }, 'x'.repeat(51)))).toBe('6000');
      expect((await emulator.create(company, 'Customer', { DisplayName: 'Long Id' }, 'x'.repeat(50))).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});
