import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { createRealm, seedQbo } from '../support/emulator-seed';
import { useHostStack } from '../support/host-stack';
import { connectThroughOAuth } from '../support/oauth-walk';
import { mountPath } from '../support/test-host';

const a = '601';
const b = '602';

describe('set-up endpoints answer bad input with a 4xx and a message, never a 500 (MariaDB + emulator)', () => {
  let aOnlyId = '';

  const stack = useHostStack({
    seed: async ({ db }) => {
      await new ReferenceHostSeeder(db.knex).customer(a, { firstName: 'Ann', lastName: 'Host' });
    },
  });

  beforeAll(async () => {
    await createRealm(stack.emulator.url, 'B books');
    expect((await connectThroughOAuth(stack.host.app, b)).status).toBe(303);
    const realmA = await createRealm(stack.emulator.url, 'A books');
    for (let n = 0; n < 5; n++) aOnlyId = (await seedQbo(stack.emulator.url, realmA, 'customer', { DisplayName: `Only In A ${n}` })).Id;
    expect((await connectThroughOAuth(stack.host.app, a)).status).toBe(303);
  });

  const send = (tenant: string, method: 'post' | 'put' | 'get', path: string, body?: unknown) => {
    const req = request(stack.host.app)[method](`${mountPath}${path}`).set('x-company-id', tenant);
    return body === undefined ? req : typeof body === 'string' ? req.set('content-type', 'application/json').send(body) : req.send(body as object);
  };

  it.each([
    ['post', '/import/customers', [], 400, 'invalid_body'],
    ['post', '/import/customers', { qboIds: 'all' }, 400, 'invalid_field'],
    ['post', '/import/customers', { qboIds: [] }, 400, 'invalid_field'],
    ['post', '/import/customers', { qboIds: ['12; DROP TABLE'] }, 400, 'invalid_field'],
    ['post', '/import/customers', { qboIds: [{}] }, 400, 'invalid_field'],
    ['post', '/import/items', { ids: ['1'] }, 400, 'unknown_field'],
    ['post', '/import/customers', '{"qboIds": [', 400, 'entity_parse_failed'],
    ['post', '/import/customers', { qboIds: ['987654'] }, 404, 'unknown_qbo_ids'],
    ['put', '/settings', {}, 400, 'invalid_body'],
    ['put', '/settings', { incomeAccountId: 5.5 }, 400, 'invalid_field'],
    ['put', '/settings', { incomeAccountId: null }, 400, 'invalid_field'],
    ['put', '/settings', { serviceImportKind: 'spa' }, 400, 'invalid_field'],
    ['put', '/settings', { incomeAccountId: '99999' }, 422, 'unknown_income_account'],
    ['put', '/settings', { depositAccountId: '1', colour: 'red' }, 400, 'unknown_field'],
    ['post', '/sync/enable', { acknowledgeWarnings: 'yes' }, 400, 'invalid_field'],
    ['post', '/sync/enable', { acknowledgeWarnings: true }, 409, 'settings_incomplete'],
    ['post', '/connection/reset-links', {}, 400, 'invalid_body'],
    ['post', '/connection/reset-links', { confirm: 'true' }, 400, 'invalid_field'],
    ['post', '/connection/reset-links', { confirm: false }, 400, 'confirmation_required'],
    ['post', '/connection/reset-links', { confirm: true }, 409, 'still_connected'],
  ] as const)('%s %s %j → %i %s', async (method, path, body, status, code) => {
    const response = await send(a, method, path, body);
    expect(response.status).toBe(status);
    expect(response.body.error).toEqual({ code, message: expect.any(String) });
    expect(response.body.error.message.length).toBeGreaterThan(20);
  });

  it('refuses another tenant\'s QBO ids: they are unknown in its own company', async () => {
    const own = await send(a, 'post', '/import/customers', { qboIds: [aOnlyId] }).expect(200);
    expect(own.body).toEqual({ imported: 1 });
    const other = await send(b, 'post', '/import/customers', { qboIds: [aOnlyId] });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('unknown_qbo_ids');
    expect(await stack.db.knex('customers').where({ company_id: b })).toHaveLength(0);
  });

  it('answers 409 not_connected on every QBO-reading endpoint for a tenant that never connected', async () => {
    for (const path of ['/match/customers', '/match/items', '/accounts', '/preflight', '/preflight/duplicates.csv']) {
      const response = await send('603', 'get', path);
      expect([path, response.status, response.body.error?.code]).toEqual([path, 409, 'not_connected']);
    }
    const imported = await send('603', 'post', '/import/items', {});
    expect([imported.status, imported.body.error.code]).toEqual([409, 'not_connected']);
    const enabled = await send('603', 'post', '/sync/enable', { acknowledgeWarnings: true });
    expect([enabled.status, enabled.body.error.code]).toEqual([409, 'not_connected']);
  });

  it('lets a viewer read the match report but not import, save settings or enable', async () => {
    await request(stack.host.app).get(`${mountPath}/match/customers`).set('x-company-id', a).set('x-role', 'viewer').expect(200);
    for (const [method, path] of [['post', '/import/customers'], ['put', '/settings'], ['post', '/sync/enable'], ['post', '/connection/reset-links']] as const) {
      const response = await request(stack.host.app)[method](`${mountPath}${path}`).set('x-company-id', a).set('x-role', 'viewer').send({});
      expect([path, response.status]).toEqual([path, 403]);
    }
  });
});
