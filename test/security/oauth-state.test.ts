import request from 'supertest';
import { Clock } from '../../src/application/ports/clock.port';
import { createSqliteDatabase } from '../support/database';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';

const hostile = '<img src=x onerror=alert(1)>"\'';

/** OAuth `state`: 128 random bits, single use, bound to the tenant that asked, ten minutes; the callback page escapes. */
describe('the OAuth state and the callback page (SQLite + emulator)', () => {
  let now = Date.now();

  const stack = useHostStack({ database: createSqliteDatabase, overrides: (c) => void c.rebind<Clock>(Clock).toConstantValue({ now: () => now }) });

  /** The admin of `tenant` asks for Intuit's URL; the emulator consents; returns the callback path and the state. */
  const consent = async (tenant: string): Promise<{ callback: string; state: string }> => {
    const authorize = await request(stack.host.app).post(`${mountPath}/connection/authorize`).set('x-company-id', tenant).expect(200);
    const state = new URL(authorize.body.url).searchParams.get('state') ?? '';
    const answer = await fetch(authorize.body.url, { redirect: 'manual' });
    const location = new URL(answer.headers.get('location') ?? '');
    return { callback: `${location.pathname}${location.search}`, state };
  };

  const status = async (tenant: string) => (await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200)).body.status;

  it('issues a fresh state of at least 128 bits each time', async () => {
    const states = new Set<string>();
    for (let i = 0; i < 20; i += 1) states.add((await consent('s-1')).state);
    expect(states.size).toBe(20);
    for (const state of states) expect(Buffer.from(state, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('accepts a state once: the replayed callback is refused and changes nothing', async () => {
    const { callback } = await consent('s-2');
    expect((await request(stack.host.app).get(callback).set('x-company-id', 's-2')).status).toBe(303);
    const realm = (await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', 's-2')).body.realmId;
    const replay = await request(stack.host.app).get(callback).set('x-company-id', 's-2');
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('already used');
    expect((await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', 's-2')).body.realmId).toBe(realm);
  });

  it("refuses a state delivered to another tenant's session", async () => {
    const { callback } = await consent('s-3');
    const stolen = await request(stack.host.app).get(callback).set('x-company-id', 's-4');
    expect(stolen.status).toBe(400);
    expect(stolen.headers['content-type']).toMatch(/text\/html/);
    expect(await status('s-4')).toBe('disconnected');
    expect(await status('s-3')).toBe('disconnected');
  });

  it("spends nothing when another tenant presents a state: its own tenant still connects with it", async () => {
    const { callback } = await consent('s-7');
    expect((await request(stack.host.app).get(callback).set('x-company-id', 's-8')).status).toBe(400);
    expect((await request(stack.host.app).get(callback).set('x-company-id', 's-7')).status).toBe(303);
  });

  it('forgets expired states whenever a new one is issued, so unfinished connects leave nothing behind', async () => {
    for (let i = 0; i < 5; i += 1) await request(stack.host.app).post(`${mountPath}/connection/authorize`).set('x-company-id', 's-9').expect(200);
    now += 10 * 60 * 1000;
    await request(stack.host.app).post(`${mountPath}/connection/authorize`).set('x-company-id', 's-9').expect(200);
    expect(await stack.db.knex('qbo_oauth_states').where('expires_at', '<=', now)).toEqual([]);
    expect(await stack.db.knex('qbo_oauth_states').where({ tenant_id: 's-9' })).toHaveLength(1);
  });

  it('refuses a state older than ten minutes', async () => {
    const { callback } = await consent('s-5');
    now += 10 * 60 * 1000 + 1;
    const late = await request(stack.host.app).get(callback).set('x-company-id', 's-5');
    expect(late.status).toBe(400);
    expect(await status('s-5')).toBe('disconnected');
  });

  it('escapes whatever Intuit (or an attacker) puts in the callback URL', async () => {
    const { state } = await consent('s-6');
    const refused = await request(stack.host.app).get(`${mountPath}/oauth/callback?state=${encodeURIComponent(state)}&error=${encodeURIComponent(hostile)}&realmId=${encodeURIComponent(hostile)}`).set('x-company-id', 's-6');
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    expect(refused.text).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;');
    expect(refused.text).not.toContain('<img');
    const junk = await request(stack.host.app).get(`${mountPath}/oauth/callback?state=${encodeURIComponent(hostile)}&code=${encodeURIComponent(hostile)}`).set('x-company-id', 's-6');
    expect(junk.status).toBe(400);
    expect(junk.text).not.toContain('<img');
    expect(junk.headers['x-content-type-options']).toBe('nosniff');
  });
});
