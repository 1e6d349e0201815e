import request from 'supertest';
import { createRealm } from '../support/emulator-seed';
import { useHostStack } from '../support/host-stack';
import { consentRedirect, deliverCallback } from '../support/oauth-walk';
import { waitUntil } from '../support/workers/sync-tenant';
import { mountPath } from '../support/test-host';

const throttleNext = (emulatorUrl: string, realmId: string) =>
  fetch(`${emulatorUrl}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ realmId, kind: 'throttle', count: 1 }) });

/**
 * The callback under throttling (issue 16): QBO's "wait 60 s" never holds the admin's browser. The company check
 * that a throttle stopped is finished in the background; until then the connection is pending and never used.
 * Waits are scaled (timeScale 0.05: QBO's 60 s are 3 s here).
 */
describe('the OAuth callback when QBO is throttling (MariaDB + emulator)', () => {
  const stack = useHostStack({ hostTables: false, qbo: { timeScale: 0.05 } });
  const app = () => stack.host.app;
  const connection = async (tenant: string) => (await request(app()).get(`${mountPath}/connection`).set('x-company-id', tenant).expect(200)).body;

  it('answers at once, keeps the connection pending and unused, then confirms it with its company name', async () => {
    const realmId = await createRealm(stack.emulator.url, 'Throttled Pools');
    const callback = await consentRedirect(app(), 'T1');
    await throttleNext(stack.emulator.url, realmId);

    const answer = await deliverCallback(app(), 'T1', callback);
    expect([answer.status, answer.headers['location']]).toEqual([303, `${mountPath}/?connecting=1`]);
    // Answered while QBO's wait had not passed: the connection is still to be confirmed, and nothing uses it.
    expect(await connection('T1')).toMatchObject({ status: 'pending_verification', realmId, companyName: null, reason: expect.stringContaining('busy') });
    const enable = await request(app()).post(`${mountPath}/sync/enable`).set('x-company-id', 'T1').send({ acknowledgeWarnings: true });
    expect([enable.status, enable.body.error.code]).toEqual([409, 'connection_unconfirmed']);
    const read = await request(app()).get(`${mountPath}/accounts`).set('x-company-id', 'T1');
    expect([read.status, read.body.error.message]).toEqual([409, expect.stringContaining('not yet confirmed')]);

    await waitUntil('the connection confirmed in the background', async () => (await connection('T1')).status === 'connected', 20_000);
    expect(await connection('T1')).toMatchObject({ status: 'connected', realmId, companyName: 'Throttled Pools', reason: null });
    const messages = ((await request(app()).get(`${mountPath}/activity`).set('x-company-id', 'T1').expect(200)).body.items as { message: string }[]).map((i) => i.message);
    expect(messages[0]).toContain('QuickBooks confirmed the connection');
    expect(messages[1]).toContain('QuickBooks was busy');
  });

  it("refuses at once a claim of another company even while that company is throttled: QBO checks the token first", async () => {
    const victim = await createRealm(stack.emulator.url, 'Someone Else');
    await createRealm(stack.emulator.url, 'Own Pools');
    const callback = await consentRedirect(app(), 'T2');
    callback.searchParams.set('realmId', victim);
    await throttleNext(stack.emulator.url, victim);

    expect((await deliverCallback(app(), 'T2', callback)).status).toBe(400);
    expect(await connection('T2')).toMatchObject({ status: 'disconnected' });
  });
});
