import request from 'supertest';
import { createSqliteDatabase } from '../support/database';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';

/** Issue 18: the activity log's search and date range (JSON and CSV alike), "Retry all failed" and dismissing a failure. */
describe('the activity log for a bookkeeper: search, date range, retry all failed, dismiss', () => {
  const stack = useHostStack({ database: createSqliteDatabase, hostTables: false });
  const tenant = 'books-18';
  const day = Date.UTC(2026, 11, 5, 21, 49, 0);
  const get = (path: string, company = tenant) => request(stack.host.app).get(`${mountPath}${path}`).set('x-company-id', company);
  const post = (path: string, company = tenant) => request(stack.host.app).post(`${mountPath}${path}`).set('x-company-id', company);

  /** A failed delivery as the worker leaves it: the outbox row failed for good, the log naming it. */
  const failedDelivery = async (hostId: string, message: string, at: number): Promise<string> => {
    const outbox = stack.host.ports.outboxStore;
    await outbox.enqueue([{ tenantId: tenant, kind: 'customer', hostId }]);
    // A second ahead: the store stamps rows with the database's clock, which may run a little ahead of this process's.
    const [claimed] = await outbox.claim(tenant, 1, Date.now() + 1_000, 60_000);
    await outbox.fail(claimed!.id, claimed!.attemptToken, message, Date.now());
    await stack.host.ports.activityLog.record({ tenantId: tenant, at, action: 'create', kind: 'customer', hostId, qboId: null, outcome: 'failure', message, outboxId: claimed!.id });
    return claimed!.id;
  };

  beforeAll(async () => {
    const log = stack.host.ports.activityLog;
    await log.record({ tenantId: tenant, at: day - 86_400_000, action: 'create', kind: 'invoice', hostId: '1', qboId: '130', outcome: 'success', message: 'Created invoice BL-1001 for John Smith ($120.00)', outboxId: null });
    await log.record({ tenantId: tenant, at: day, action: 'update', kind: 'customer', hostId: '3', qboId: '13', outcome: 'success', message: "Renamed from 'J Smith' to 'John Smith'", outboxId: null });
    const rowA = await failedDelivery('4', "QuickBooks says the name 'Kevin Park' is already used by another customer, vendor or employee.", day + 1_000);
    await stack.host.ports.activityLog.record({ tenantId: tenant, at: day + 2_000, action: 'create', kind: 'customer', hostId: '4', qboId: null, outcome: 'failure', message: 'Kevin Park failed again', outboxId: rowA });
    await failedDelivery('5', 'Ann Lee: QuickBooks rejected the change.', day + 3_000);
    await failedDelivery('6', 'Zoë Ülker: QuickBooks rejected the change.', day + 4_000);
  });

  it('searches by name or invoice number and keeps a date range, in GET /activity and the CSV alike', async () => {
    const smith = await get('/activity?search=john%20smith').expect(200);
    expect(smith.body.items.map((i: { hostId: string }) => i.hostId)).toEqual(['3', '1']);
    expect((await get('/activity?search=BL-1001').expect(200)).body.items.map((i: { hostId: string }) => i.hostId)).toEqual(['1']);
    const from = encodeURIComponent('2026-12-05T00:00:00-08:00');
    const to = encodeURIComponent('2026-12-06T00:00:00-08:00');
    const dayOnly = await get(`/activity?from=${from}&to=${to}&search=smith`).expect(200);
    expect(dayOnly.body.items.map((i: { hostId: string }) => i.hostId)).toEqual(['3']);
    const csv = await get(`/activity.csv?from=${from}&to=${to}&search=smith`).expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('"when (UTC)","action","record kind","host id","QuickBooks id","outcome","message","dismissed"');
    expect(lines.slice(1)).toEqual(['"2026-12-05T21:49:00.000Z","update","customer","3","13","success","Renamed from \'J Smith\' to \'John Smith\'",""']);
  });

  it.each([
    ['from=yesterday', 'invalid_query'],
    ['from=2026-12-05', 'invalid_query'],
    ['to=2026-12-05T00:00:00', 'invalid_query'],
    ['from=2026-12-06T00:00:00Z&to=2026-12-05T00:00:00Z', 'invalid_query'],
    [`search=${'x'.repeat(101)}`, 'invalid_query'],
  ])('%s → 400 %s, in JSON and CSV', async (query, code) => {
    for (const path of ['/activity', '/activity.csv']) {
      const response = await get(`${path}?${query}`).expect(400);
      expect(response.body.error).toEqual({ code, message: expect.any(String) });
    }
  });

  it('dismisses a failure handled elsewhere: kept in the log and the CSV as dismissed, out of the failed count, once only', async () => {
    const failures = await get('/activity?outcome=failure&search=Zo%C3%AB').expect(200);
    const [zoe] = failures.body.items;
    expect(zoe).toMatchObject({ hostId: '6', dismissedAt: null });
    expect((await get('/sync/status').expect(200)).body.outbox.failed).toBe(3);
    await post(`/activity/${zoe.id}/dismiss`, 'someone-else').expect(404);
    const dismissed = await post(`/activity/${zoe.id}/dismiss`).expect(200);
    expect(dismissed.body).toEqual({ dismissed: true, dismissedAt: expect.any(Number) });
    expect((await get('/sync/status').expect(200)).body.outbox.failed).toBe(2);
    expect((await post(`/activity/${zoe.id}/dismiss`).expect(409)).body.error.code).toBe('already_dismissed');
    const success = (await get('/activity?outcome=success&limit=1').expect(200)).body.items[0];
    expect((await post(`/activity/${success.id}/dismiss`).expect(409)).body.error.code).toBe('not_dismissible');
    expect((await get('/activity?search=Zo%C3%AB').expect(200)).body.items[0].dismissedAt).toBe(dismissed.body.dismissedAt);
    const csv = (await get('/activity.csv?search=Zo%C3%AB').expect(200)).text;
    expect(csv).toContain(`"failure","Zoë Ülker: QuickBooks rejected the change.","${new Date(dismissed.body.dismissedAt).toISOString()}"`);
    await post(`/activity/${zoe.id}/dismiss`).set('x-role', 'viewer').expect(403);
  });

  it('"Retry all failed" sends each failed change once, as its single Retry would, and leaves the dismissed one', async () => {
    await post('/activity/retry-failed').set('x-role', 'viewer').expect(403);
    const response = await post('/activity/retry-failed').expect(200);
    expect(response.body).toEqual({ retried: 2 });
    expect((await get('/sync/status').expect(200)).body.outbox).toMatchObject({ pending: 2, failed: 0 });
    const retries = await get('/activity?outcome=success&limit=2').expect(200);
    expect(retries.body.items.map((i: { action: string; hostId: string }) => `${i.action} ${i.hostId}`).sort()).toEqual(['retry 4', 'retry 5']);
    expect(retries.body.items.map((i: { message: string }) => i.message).sort()).toEqual([
      'Queued again by "Retry all failed" to be sent to QuickBooks; it had failed: Ann Lee: QuickBooks rejected the change.',
      'Queued again by "Retry all failed" to be sent to QuickBooks; it had failed: Kevin Park failed again',
    ]);
    expect((await post('/activity/retry-failed').expect(200)).body).toEqual({ retried: 0 });
  });
});
