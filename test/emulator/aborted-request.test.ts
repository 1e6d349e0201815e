import { request } from 'node:http';
import { EmulatorClient, type Company } from './emulator-client';

/** Sends a POST and destroys the socket once the body is written, as a worker killed mid-request would. */
function sendAndVanish(url: string, token: string, body: unknown): Promise<void> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const outgoing = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(payload) } });
    outgoing.on('error', () => resolve());
    outgoing.end(payload, () => {
      outgoing.destroy();
      resolve();
    });
  });
}

/** Starts a POST whose body never finishes: the client sends half of it and goes away. */
function sendHalfAndVanish(url: string, token: string, body: unknown): Promise<void> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const outgoing = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } });
    outgoing.on('error', () => resolve());
    outgoing.write(payload.slice(0, 10), () => {
      setImmediate(() => {
        outgoing.destroy();
        resolve();
      });
    });
  });
}

const until = async (condition: () => Promise<boolean>): Promise<void> => {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
};

describe('emulator: a client that goes away', () => {
  const emulator = EmulatorClient.use({}, 'each');
  let company: Company;
  beforeEach(async () => {
    company = await emulator.company();
  });
  const customerUrl = (requestid: string): string => `${emulator.url}/v3/company/${company.realmId}/customer?requestid=${requestid}&minorversion=75`;

  it('while its request waits in the added latency: the write is applied once, and the retry gets the right answer', async () => {
    await emulator.control('POST', '/config', { latencyMs: 150 });
    await sendAndVanish(customerUrl('killed-1'), company.accessToken, { DisplayName: 'Killed Worker Customer' });
    await until(async () => (await emulator.requests(company)).length === 1);
    const retry = await emulator.create(company, 'Customer', { DisplayName: 'Killed Worker Customer' }, 'killed-1');
    expect(retry.status).toBe(200);
    expect(retry.body.Customer.DisplayName).toBe('Killed Worker Customer');
    expect((await emulator.state(company)).Customer).toHaveLength(1);
    expect((await emulator.requests(company)).map((entry) => [entry.status, entry.replayed])).toEqual([[200, false], [200, true]]);
  });

  it('while it still uploads its body: nothing is written and nothing is remembered under the requestid', async () => {
    await sendHalfAndVanish(customerUrl('half-1'), company.accessToken, { DisplayName: 'Half Sent Customer' });
    await until(async () => (await emulator.requests(company)).length === 1);
    expect((await emulator.requests(company))[0]).toMatchObject({ status: 0, dropped: true, requestid: 'half-1' });
    const retry = await emulator.create(company, 'Customer', { DisplayName: 'Half Sent Customer' }, 'half-1');
    expect(retry.status).toBe(200);
    expect((await emulator.state(company)).Customer).toHaveLength(1);
  });

  it('a body that arrived but is not JSON is refused, and the refusal is not replayed to a well-formed retry', async () => {
    const broken = await emulator.api(company, 'POST', 'customer?requestid=bad-json-1', undefined);
    expect(broken.status).toBe(400);
    const malformed = await fetch(customerUrl('bad-json-2'), { method: 'POST', headers: { authorization: `Bearer ${company.accessToken}`, 'content-type': 'application/json' }, body: '{"DisplayName":' });
    expect(malformed.status).toBe(400);
    const retry = await emulator.create(company, 'Customer', { DisplayName: 'Well Formed' }, 'bad-json-2');
    expect(retry.status).toBe(200);
  });
});

describe('emulator: the rate limit of a realm whose clients went away', () => {
  const emulator = EmulatorClient.use({}, 'each');

  it('a request whose client left before it was admitted does not keep a concurrent slot', async () => {
    const company = await emulator.company();
    await emulator.control('POST', '/config', { rateLimits: { perMinute: 500, concurrent: 2, batchPerMinute: 40 } });
    const url = (requestid: string): string => `${emulator.url}/v3/company/${company.realmId}/customer?requestid=${requestid}&minorversion=75`;
    for (let n = 0; n < 6; n += 1) await sendAndVanish(url(`gone-${n}`), company.accessToken, { DisplayName: `Gone ${n}` });
    await until(async () => (await emulator.requests(company)).length === 6);
    const after = await emulator.create(company, 'Customer', { DisplayName: 'Still Served' }, 'after-1');
    expect(after.status).toBe(200);
  });
});
