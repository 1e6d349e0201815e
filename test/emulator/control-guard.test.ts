import { request } from 'node:http';
import { EmulatorClient } from './emulator-client';

/** A GET with exactly these headers (fetch sets its own Sec-Fetch-Mode), as a browser following a link sends it. */
const rawGet = (url: string, headers: Record<string, string>): Promise<number> =>
  new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject).end();
  });

describe('emulator control API: no web page may drive it', () => {
  const emulator = EmulatorClient.use({}, 'each');
  const post = (path: string, headers: Record<string, string>) => fetch(`${emulator.url}/__emulator${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

  it('refuses a write from a foreign Origin or another site (Sec-Fetch-Site) and changes nothing; its own origin and tools pass', async () => {
    const company = await emulator.company();
    expect((await post('/reset', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/reset', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('/realms', { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await emulator.control('GET', `/realms/${company.realmId}/state`)).status).toBe(200);
    expect((await post('/realms', { origin: emulator.url, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect(await rawGet(`${emulator.url}/__emulator/`, { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate' })).toBe(200);
    expect(await rawGet(`${emulator.url}/__emulator/config`, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' })).toBe(403);
  });
});

describe('emulator control API with a control token', () => {
  const emulator = EmulatorClient.use({ controlToken: 'control-secret' }, 'each');

  it('needs the token on every control request, the page included; the QBO API and OAuth do not', async () => {
    const without = await fetch(`${emulator.url}/__emulator/realms`, { method: 'POST' });
    expect(without.status).toBe(401);
    expect(((await without.json()) as any).error.message).toMatch(/control token/);
    expect((await fetch(`${emulator.url}/__emulator/realms`, { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const created = await fetch(`${emulator.url}/__emulator/realms`, { method: 'POST', headers: { 'x-control-token': 'control-secret' } });
    expect(created.status).toBe(201);
    const company = (await created.json()) as any;
    expect((await fetch(`${emulator.url}/__emulator/`)).status).toBe(401);
    expect((await fetch(`${emulator.url}/__emulator/?controlToken=control-secret`)).status).toBe(200);
    expect((await emulator.api(company, 'GET', `companyinfo/${company.realmId}`)).status).toBe(200);
  });
});
