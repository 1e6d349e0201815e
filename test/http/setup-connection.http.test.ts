import request from 'supertest';
import { Clock } from '../../src/application/ports/clock.port';
import { createRealm } from '../support/emulator-seed';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { mountPath, type TestHost } from '../support/test-host';

class MovableClock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
}

/** The consent redirect the emulator would send the browser to, without delivering it yet. */
const consent = async (host: TestHost, tenant: string): Promise<string> => {
  const authorize = await request(host.app).post(`${mountPath}/connection/authorize`).set('x-company-id', tenant).expect(200);
  const answer = await fetch(authorize.body.url as string, { redirect: 'manual' });
  const location = new URL(answer.headers.get('location')!);
  return `${location.pathname}${location.search}`;
};

describe('connect, reconnect, disconnect, reset links and adopt (MariaDB + emulator)', () => {
  const clock = new MovableClock();
  const stack = useHostStack({ hostTables: false, overrides: (c) => void c.rebind(Clock).toConstantValue(clock) });

  const callback = (tenant: string, path: string) => request(stack.host.app).get(path).set('x-company-id', tenant);

  it('refuses a missing, wrong, reused or expired state, and another tenant\'s state, with a readable page', async () => {
    const missing = await callback('701', `${mountPath}/oauth/callback?code=x&realmId=1`);
    expect([missing.status, missing.type]).toEqual([400, 'text/html']);
    expect(missing.text).toContain('Start again');
    // Only the wrong-company refusal sends the admin back with the marker that offers a reset.
    expect(missing.text).toContain(`<a href="${mountPath}/">Back to the QuickBooks integration</a>`);
    expect((await callback('701', `${mountPath}/oauth/callback?code=x&realmId=1&state=forged`)).status).toBe(400);

    const path = await consent(stack.host, '701');
    expect((await callback('702', path)).status).toBe(400); // issued to 701: refused, and not spent by the refusal
    expect((await callback('701', path)).status).toBe(303);
    expect((await callback('701', path)).status).toBe(400); // single use

    const used = await consent(stack.host, '701');
    expect((await callback('701', used)).status).toBe(303);
    expect((await callback('701', used)).status).toBe(400);

    const late = await consent(stack.host, '703');
    clock.offsetMs = 11 * 60 * 1000;
    try {
      const expired = await callback('703', late);
      expect(expired.status).toBe(400);
      expect(expired.text).toContain('10 minutes');
    } finally {
      clock.offsetMs = 0;
    }
    expect((await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', '703')).body.status).toBe('disconnected');
  });

  it('shows Intuit\'s refusal of a non-admin user on the page, and stores nothing', async () => {
    await fetch(`${stack.emulator.url}/__emulator/deny-next-authorization`, { method: 'POST' });
    const refused = await connectThroughOAuth(stack.host.app, '704');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('administrator');
    expect((await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', '704')).body.status).toBe('disconnected');
  });

  it('does not start the sync on connect; keeps links and activity on disconnect; refuses another company until the links are reset', async () => {
    await createRealm(stack.emulator.url, 'First books');
    expect((await connectThroughOAuth(stack.host.app, '705')).status).toBe(303);
    expect((await request(stack.host.app).get(`${mountPath}/sync/status`).set('x-company-id', '705')).body).toMatchObject({ enabled: false, job: null });
    const first = (await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', '705')).body.realmId as string;
    await stack.db.knex('qbo_settings').insert({ tenant_id: '705', linked_realm_id: first, service_import_kind: 'pool_service' });
    await stack.db.knex('qbo_links').insert({ tenant_id: '705', kind: 'customer', host_id: '1', qbo_entity: 'Customer', qbo_id: '58', sync_token: '0', fingerprint: null, pushed: null, retired: false });

    expect((await request(stack.host.app).delete(`${mountPath}/connection`).set('x-company-id', '705')).body).toEqual({ disconnected: true });
    expect(await stack.db.knex('qbo_links').where({ tenant_id: '705' })).toHaveLength(1);
    expect(await stack.db.knex('qbo_connections').where({ tenant_id: '705' })).toHaveLength(0);

    await createRealm(stack.emulator.url, 'Second books');
    const wrong = await connectThroughOAuth(stack.host.app, '705');
    expect(wrong.status).toBe(409);
    expect(wrong.text).toContain('reset the links');
    expect(wrong.text).toContain(`<a href="${mountPath}/?wrong_company=1">Back to the QuickBooks integration</a>`);
    expect((await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', '705')).body.status).toBe('disconnected');

    const reset = await request(stack.host.app).post(`${mountPath}/connection/reset-links`).set('x-company-id', '705').send({ confirm: true }).expect(200);
    expect(reset.body).toEqual({ removedLinks: 1 });
    expect(await stack.db.knex('qbo_links').where({ tenant_id: '705' })).toHaveLength(0);
    expect((await connectThroughOAuth(stack.host.app, '705')).status).toBe(303);
    const activity = await request(stack.host.app).get(`${mountPath}/activity`).set('x-company-id', '705').expect(200);
    expect(activity.body.items.map((i: { message: string }) => i.message).join('\n')).toMatch(/links to QuickBooks company .* were reset: 1 link forgotten/);
  });

  it('adopts an earlier connection with its refresh token, and refuses a bad one with a clear error', async () => {
    const created = await fetch(`${stack.emulator.url}/__emulator/realms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ companyName: 'Legacy books' }) });
    const { realmId, refreshToken } = (await created.json()) as { realmId: string; refreshToken: string };
    await expect(stack.host.plugin.adoptConnection({ tenantId: '706', realmId, refreshToken: 'RT1-not-a-token' })).rejects.toMatchObject({ code: 'invalid_refresh_token', message: expect.stringContaining('Connect to QuickBooks') });
    await expect(stack.host.plugin.adoptConnection({ tenantId: '706', realmId: '', refreshToken })).rejects.toMatchObject({ code: 'invalid_adoption' });
    expect(await stack.host.plugin.adoptConnection({ tenantId: '706', realmId, refreshToken })).toEqual({ realmId, companyName: 'Legacy books' });
    expect((await request(stack.host.app).get(`${mountPath}/connection`).set('x-company-id', '706')).body).toMatchObject({ status: 'connected', realmId, companyName: 'Legacy books' });
    await request(stack.host.app).get(`${mountPath}/accounts`).set('x-company-id', '706').expect(200);
  });
});
