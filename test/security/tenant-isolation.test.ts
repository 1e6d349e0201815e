import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { mountPath } from '../support/test-host';
import { concretePath, discoverRoutes } from './support/route-catalogue';
import { setUpTwoTenants, snapshotTenantRows, type TwoTenants } from './support/two-tenants';

/**
 * Tenant B, signed in as itself, tries every route with tenant A's ids in the path, the query and the body
 * (and A's id where a tenant might be looked for). It must get a refusal or its own (empty) data, and A's rows
 * must not change.
 */
describe('tenant B cannot reach tenant A through any route (MariaDB + emulator)', () => {
  let t: TwoTenants;
  const markers: string[] = [];
  let aActivityIds: string[] = [];
  let aCursor = '';

  beforeAll(async () => {
    t = await setUpTwoTenants();
    const seeder = new ReferenceHostSeeder(t.db.knex);
    for (const name of ['Zephyrmarker One', 'Zephyrmarker Two', 'Zephyrmarker Three']) {
      const [first, last] = name.split(' ') as [string, string];
      const id = await seeder.customer(t.a.id, { firstName: first, lastName: last, email: `${last.toLowerCase()}@alpha-only.test` });
      await t.host.plugin.notify({ tenantId: t.a.id, kind: 'customer', id });
    }
    const item = await seeder.item(t.a.id, { name: 'Zephyrmarker Chlorine', unitPriceCents: 1299 });
    await t.host.plugin.notify({ tenantId: t.a.id, kind: 'item', id: item });
    await t.host.plugin.deliverPending();
    const activity = await request(t.host.app).get(`${mountPath}/activity?limit=2`).set('x-company-id', t.a.id).expect(200);
    aActivityIds = (await t.db.knex('qbo_activity').where({ tenant_id: t.a.id }).select('id')).map((r: { id: unknown }) => String(r.id));
    aCursor = activity.body.nextCursor ?? '';
    markers.push('Zephyrmarker', 'alpha-only.test', t.a.companyName, t.a.realmId, ...(await t.tokensOf(t.a.id)));
    expect(aActivityIds.length).toBeGreaterThan(2);
  });

  afterAll(async () => {
    await t?.close();
  });

  it("gets a refusal or only its own data on every route, and leaves A's rows exactly as they were", async () => {
    const before = await snapshotTenantRows(t.db.knex, t.db.name, t.a.id, ['qbo_leases']);
    const aQboIds = (await t.db.knex('qbo_links').where({ tenant_id: t.a.id }).select('qbo_id')).map((r: { qbo_id: string }) => r.qbo_id);
    const leaks: string[] = [];
    let tried = 0;
    for (const route of discoverRoutes(t.host.plugin.router)) {
      for (const id of [...aActivityIds.slice(0, 3), t.a.realmId]) {
        const path = concretePath(route, (p) => (p === 'file' ? 'qbo-page.js' : id));
        const query = new URLSearchParams({ tenantId: t.a.id, companyId: t.a.id, realmId: t.a.realmId, cursor: aCursor, limit: '200', state: 'x' });
        let call = request(t.host.app)[route.method](`${mountPath}${path}?${query}`).set('x-company-id', t.b.id);
        if (route.method !== 'get' && route.method !== 'delete') {
          call = call.send({ tenantId: t.a.id, companyId: t.a.id, realmId: t.a.realmId, qboIds: aQboIds, ids: aActivityIds, acknowledgeWarnings: true, incomeAccountId: '1', depositAccountId: '1' });
        }
        const response = await call;
        tried += 1;
        // A refusal may quote back what B itself sent (A's realm id as a path value); anything else of A's is a leak.
        const sent = `${path} ${query} ${t.a.realmId}`;
        const found = markers.filter((marker) => marker !== '' && response.text.includes(marker) && !(response.status >= 400 && sent.includes(marker)));
        if (found.length > 0) leaks.push(`${route.key} (${path}) → ${response.status} shows ${found.map((m) => m.slice(0, 12)).join(', ')}`);
        if (response.status >= 500) leaks.push(`${route.key} (${path}) → ${response.status}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(tried).toBeGreaterThan(20);
    expect(await snapshotTenantRows(t.db.knex, t.db.name, t.a.id, ['qbo_leases'])).toEqual(before);
    // A still works as before.
    expect((await request(t.host.app).get(`${mountPath}/connection`).set('x-company-id', t.a.id).expect(200)).body).toMatchObject({ status: 'connected', realmId: t.a.realmId });
  });

  it("cannot retry A's failed delivery by its id, nor page into A's log with A's cursor", async () => {
    for (const id of aActivityIds) {
      const retry = await request(t.host.app).post(`${mountPath}/activity/${encodeURIComponent(id)}/retry`).set('x-company-id', t.b.id).send({});
      expect({ id, status: retry.status }).toEqual({ id, status: expect.any(Number) });
      expect([400, 403, 404, 409]).toContain(retry.status);
    }
    const paged = await request(t.host.app).get(`${mountPath}/activity?cursor=${encodeURIComponent(aCursor)}`).set('x-company-id', t.b.id);
    expect(paged.status === 400 || (paged.status === 200 && paged.body.items.every((e: { tenantId?: string; message: string }) => !e.message.includes('Zephyrmarker')))).toBe(true);
  });
});
