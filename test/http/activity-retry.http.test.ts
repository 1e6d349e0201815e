import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import { emulatorState } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';
import { connectAndEnable, drainInProcess, today } from '../support/workers/sync-tenant';

const tenant = '61';
const otherTenant = '62';

describe('POST /activity/:id/retry (MariaDB + emulator)', () => {
  const stack = useHostStack({ tenant, timeoutMs: 30_000 });
  let refundId: string;
  let failureId: string;

  const as = (company: string) => ({
    get: (path: string) => request(stack.host.app).get(`${mountPath}${path}`).set('x-company-id', company),
    retry: (id: string) => request(stack.host.app).post(`${mountPath}/activity/${id}/retry`).set('x-company-id', company),
  });

  beforeAll(async () => {
    await connectAndEnable(stack.host.app, stack.emulator.url, otherTenant);

    // A refund larger than the payment it refunds: the rules refuse it.
    const seed = new ReferenceHostSeeder(stack.db.knex);
    const customerId = await seed.customer(tenant, { firstName: 'Rita', lastName: 'Refund' });
    const paymentId = await seed.payment(tenant, { customerId, invoiceId: null, amountCents: 1_000, receivedOn: today() });
    refundId = await seed.refund(tenant, { paymentId, amountCents: 2_000, refundedOn: today() });
    await stack.host.plugin.notify([{ tenantId: tenant, kind: 'payment', id: paymentId }, { tenantId: tenant, kind: 'refund', id: refundId }]);
    await drainInProcess(stack.db.knex, () => stack.host.plugin.deliverPending());
  }, 30_000);

  it('shows the failed delivery in GET /activity with the reason in plain words', async () => {
    const failures = await as(tenant).get('/activity?outcome=failure&kind=refund').expect(200);
    expect(failures.body.items).toHaveLength(1);
    const [failure] = failures.body.items;
    expect(failure).toMatchObject({ kind: 'refund', hostId: refundId, outcome: 'failure' });
    expect(failure.message).toBe(`Did not send refund of $20.00 on ${today()} to QuickBooks: Refund of $20.00 on ${today()} is more than the $10.00 payment it refunds.`);
    failureId = failure.id;
    const qbo = await emulatorState(stack.emulator.url, stack.realmId);
    expect([qbo.RefundReceipt, qbo.Purchase]).toEqual([undefined, undefined]);
  });

  it('is 404 for another tenant, which cannot retry (or learn about) this entry', async () => {
    const response = await as(otherTenant).retry(failureId).expect(404);
    expect(response.body.error).toEqual({ code: 'activity_not_found', message: expect.stringContaining('Reload the activity log') });
    expect(await stack.db.knex('qbo_outbox').where({ tenant_id: tenant, kind: 'refund', state: 'failed' })).toHaveLength(1);
  });

  it.each(['abc', '0', '-1', '1e3', '12345678901234567890', '%20', 'A'.repeat(23)])('is 400 for the malformed id "%s"', async (id) => {
    const response = await as(tenant).retry(id).expect(400);
    expect(response.body.error).toEqual({ code: 'invalid_activity_id', message: expect.any(String) });
  });

  it('is 409 for an entry that is not a failed delivery', async () => {
    const successes = await as(tenant).get('/activity?outcome=success&kind=payment').expect(200);
    const response = await as(tenant).retry(successes.body.items[0].id).expect(409);
    expect(response.body.error).toEqual({ code: 'not_retryable', message: 'Only a failed delivery can be retried; this entry is not one.' });
  });

  it('delivers the refund once the host record is fixed and the admin retries it; a second retry is 409', async () => {
    // Fixed in the host without a signal (a correction by hand): only the retry sends it.
    await stack.db.knex('refunds').where({ id: refundId }).update({ amount_cents: 500, updated_at: new Date() });
    const retried = await as(tenant).retry(failureId).expect(200);
    expect(retried.body).toEqual({ retried: true, kind: 'refund', hostId: refundId });
    await drainInProcess(stack.db.knex, () => stack.host.plugin.deliverPending());

    // A refund of an account credit is an expense paid to the customer (docs/accounting/books-parity.md).
    const refunds = (await emulatorState(stack.emulator.url, stack.realmId)).Purchase ?? [];
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ TotalAmt: 5 });
    expect(await stack.db.knex('qbo_outbox').where({ tenant_id: tenant, kind: 'refund' }).select('state')).toEqual([{ state: 'done' }]);
    const retriedEntry = (await as(tenant).get('/activity?kind=refund&limit=3').expect(200)).body.items.find((item: { action: string }) => item.action === 'retry');
    expect(retriedEntry.message).toBe(`Queued again to be sent to QuickBooks; it had failed: Did not send refund of $20.00 on ${today()} to QuickBooks: Refund of $20.00 on ${today()} is more than the $10.00 payment it refunds.`);
    const latest = await as(tenant).get('/activity?kind=refund&limit=1').expect(200);
    expect(latest.body.items[0]).toMatchObject({ outcome: 'success', hostId: refundId });

    const again = await as(tenant).retry(failureId).expect(409);
    expect(again.body.error.code).toBe('not_failed');
  });

  it('is 403 for a viewer', async () => {
    await request(stack.host.app).post(`${mountPath}/activity/${failureId}/retry`).set('x-company-id', tenant).set('x-role', 'viewer').expect(403);
  });
});
