import request from 'supertest';
import type { Knex } from 'knex';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import type { HostRecordKind } from '../../src/domain/host/host-records';
import { emulatorRequests, emulatorState, type EmulatorRecord } from '../support/emulator-state';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';
import { today, unsettledRows } from '../support/workers/sync-tenant';

const tenant = '5140';

/**
 * DESIGN §3.10: a write QBO definitely refused can succeed once its cause is gone, with no edit of the record. The
 * emulator replays a stored refusal for a repeated requestid (its default), so this only passes when the next
 * attempt carries a new one — through the sweep and through the admin's Retry.
 */
describe('a refused write arrives once its cause is gone (MariaDB, the emulator over HTTP)', () => {
  const stack = useHostStack({ tenant, timeoutMs: 30_000, delivery: { refusalWaitMs: 0 } });

  const hostChange = async (write: (seed: ReferenceHostSeeder, trx: Knex.Transaction) => Promise<Array<[HostRecordKind, string]>>): Promise<void> => {
    await stack.db.knex.transaction(async (trx) => {
      const touched = await write(new ReferenceHostSeeder(trx), trx);
      await stack.host.plugin.notify(touched.map(([kind, id]) => ({ tenantId: tenant, kind, id })), { trx });
    });
    await drain();
  };
  const drain = async (): Promise<void> => {
    for (let pass = 0; pass < 5 && (await unsettledRows(stack.db.knex)) > 0; pass++) await stack.host.plugin.deliverPending();
  };
  const qbo = async (entity: string): Promise<EmulatorRecord[]> => (await emulatorState(stack.emulator.url, stack.realmId))[entity] ?? [];
  const linkOf = async (kind: HostRecordKind, hostId: string): Promise<string | undefined> => (await stack.db.knex('qbo_links').where({ tenant_id: tenant, kind, host_id: hostId }).first())?.qbo_id;
  /** A bookkeeper's edit in the QBO UI. */
  const editInQbo = async (entity: string, id: string, body: Record<string, unknown>): Promise<void> => {
    const response = await fetch(`${stack.emulator.url}/__emulator/realms/${stack.realmId}/entities/${entity}/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBeLessThan(300);
  };
  const books = async (): Promise<{ customers: Array<{ id: string; openReceivableCents: number; openCreditCents: number; balanceCents: number }> }> =>
    (await fetch(`${stack.emulator.url}/__emulator/realms/${stack.realmId}/books`)).json() as never;
  const invoiceCreates = async (): Promise<Array<{ requestid?: string; status: number }>> =>
    (await emulatorRequests(stack.emulator.url, stack.realmId)).filter((r) => r.method === 'POST' && /\/invoice$/.test(r.path.split('?')[0]!));
  const failures = async (kind: HostRecordKind, hostId: string): Promise<Array<{ id: string; message: string }>> =>
    stack.db.knex('qbo_activity').where({ tenant_id: tenant, outcome: 'failure', kind, host_id: hostId }).select('id', 'message');

  /** A customer QBO holds inactive (a bookkeeper's doing), then a paid invoice in the host: QBO refuses the invoice (610). */
  const refusedInvoice = async (name: string): Promise<{ customerId: string; qboCustomer: string; invoiceId: string; paymentId: string }> => {
    let customerId = '';
    let itemId = '';
    await hostChange(async (seed) => {
      customerId = await seed.customer(tenant, { firstName: name, lastName: 'Refused' });
      itemId = await seed.item(tenant, { kind: 'pool_service', name: `Visit ${name}`, unitPriceCents: 35_000 });
      return [['customer', customerId], ['item', itemId]];
    });
    const qboCustomer = (await linkOf('customer', customerId))!;
    await editInQbo('Customer', qboCustomer, { Active: false });
    let invoiceId = '';
    let paymentId = '';
    await hostChange(async (seed) => {
      invoiceId = await seed.invoice(tenant, { customerId, number: `INV-${name}`, issuedOn: today(), lines: [{ catalogItemId: itemId, unitPriceCents: 35_000 }] });
      paymentId = await seed.payment(tenant, { customerId, invoiceId, amountCents: 35_000, receivedOn: today() });
      return [['invoice', invoiceId], ['payment', paymentId]];
    });
    expect((await failures('invoice', invoiceId)).map((f) => f.message).join(' ')).toMatch(/inactive/i);
    expect(await linkOf('invoice', invoiceId)).toBeUndefined();
    expect((await invoiceCreates()).filter((r) => r.status === 400).length).toBeGreaterThan(0);
    return { customerId, qboCustomer, invoiceId, paymentId };
  };

  const arrived = async (refused: { qboCustomer: string; invoiceId: string; paymentId: string }, refusedIds: ReadonlySet<string | undefined>): Promise<void> => {
    const invoiceQboId = await linkOf('invoice', refused.invoiceId);
    expect(invoiceQboId).toBeDefined();
    const invoice = (await qbo('Invoice')).find((record) => record.Id === invoiceQboId)!;
    expect(invoice).toMatchObject({ TotalAmt: 350, Balance: 0, CustomerRef: { value: refused.qboCustomer } });
    const paymentQboId = await linkOf('payment', refused.paymentId);
    const payment = (await qbo('Payment')).find((record) => record.Id === paymentQboId);
    expect(payment).toMatchObject({ TotalAmt: 350, UnappliedAmt: 0 });
    expect(JSON.stringify(payment!['Line'])).toContain(`"TxnId":"${invoiceQboId}"`);
    const customer = (await books()).customers.find((c) => c.id === refused.qboCustomer)!;
    expect(customer).toMatchObject({ openReceivableCents: 0, openCreditCents: 0, balanceCents: 0 });
    // The write that got through went out under a request id QBO had not refused.
    const accepted = (await invoiceCreates()).filter((r) => r.status === 200);
    expect(accepted.length).toBe(1);
    expect(refusedIds.has(accepted[0]!.requestid)).toBe(false);
  };

  it('through the sweep: the customer made active again in QBO, the invoice and its payment arrive with no edit in the host', async () => {
    const refused = await refusedInvoice('Sweep');
    const refusedIds = new Set((await invoiceCreates()).filter((r) => r.status === 400).map((r) => r.requestid));
    const hostRowsBefore = await stack.db.knex('invoices').where({ id: refused.invoiceId }).first();
    // Nothing changes by itself while the cause is there: the sweep tries again and is refused again.
    await stack.host.plugin.sweep();
    await drain();
    expect(await linkOf('invoice', refused.invoiceId)).toBeUndefined();
    await editInQbo('Customer', refused.qboCustomer, { Active: true });
    await stack.host.plugin.sweep();
    await drain();
    await arrived(refused, new Set([...refusedIds, ...(await invoiceCreates()).filter((r) => r.status === 400).map((r) => r.requestid)]));
    expect(await stack.db.knex('invoices').where({ id: refused.invoiceId }).first()).toEqual(hostRowsBefore);
  });

  it("through the admin's Retry: the failed invoice retried after the cause is gone arrives, under a new request id", async () => {
    const before = (await invoiceCreates()).length;
    const refused = await refusedInvoice('Retry');
    const refusedIds = new Set((await invoiceCreates()).slice(before).filter((r) => r.status === 400).map((r) => r.requestid));
    await editInQbo('Customer', refused.qboCustomer, { Active: true });
    const acceptedBefore = (await invoiceCreates()).filter((r) => r.status === 200).length;
    const listed = await request(stack.host.app).get(`${mountPath}/activity?outcome=failure&kind=invoice`).set('x-company-id', tenant).expect(200);
    // The entry with a Retry is the one of the invoice's own change (the other was its attempt as the payment's dependency).
    const entry = (listed.body.items as Array<{ id: string; hostId: string; outboxId: string | null }>).find((item) => item.hostId === refused.invoiceId && item.outboxId !== null);
    expect(entry).toBeDefined();
    await request(stack.host.app).post(`${mountPath}/activity/${entry!.id}/retry`).set('x-company-id', tenant).expect(200);
    await drain();
    const invoiceQboId = await linkOf('invoice', refused.invoiceId);
    expect(invoiceQboId).toBeDefined();
    const invoice = (await qbo('Invoice')).find((record) => record.Id === invoiceQboId)!;
    expect(invoice).toMatchObject({ TotalAmt: 350, CustomerRef: { value: refused.qboCustomer } });
    const accepted = (await invoiceCreates()).filter((r) => r.status === 200);
    expect(accepted.length).toBe(acceptedBefore + 1);
    expect(refusedIds.has(accepted[accepted.length - 1]!.requestid)).toBe(false);
    // The payment that waited on it comes with the sweep (it is listed as curable), without anyone retrying it.
    await stack.host.plugin.sweep();
    await drain();
    expect(await linkOf('payment', refused.paymentId)).toBeDefined();
    expect((await books()).customers.find((c) => c.id === refused.qboCustomer)).toMatchObject({ openReceivableCents: 0, balanceCents: 0 });
  });

  describe('an armed refusal (a 4xx ValidationFault the emulator gives every Payment write until cleared)', () => {
    const paymentWrites = async (): Promise<Array<{ requestid?: string; status: number }>> =>
      (await emulatorRequests(stack.emulator.url, stack.realmId)).filter((r) => r.method === 'POST' && /\/payment$/.test(r.path.split('?')[0]!));
    const control = async (method: string, path: string, body?: unknown): Promise<void> => {
      const response = await fetch(`${stack.emulator.url}/__emulator${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      expect(response.status).toBeLessThan(300);
    };
    /** An account credit QBO refuses while the refusal is armed. */
    const refusedCredit = async (name: string): Promise<{ customerId: string; paymentId: string; refusedIds: Set<string | undefined> }> => {
      let customerId = '';
      await hostChange(async (seed) => [['customer', (customerId = await seed.customer(tenant, { firstName: name, lastName: 'Armed' }))]]);
      const before = (await paymentWrites()).length;
      await control('POST', '/refusals', { realmId: stack.realmId, entity: 'Payment', count: null, detail: 'Armed by the test' });
      let paymentId = '';
      await hostChange(async (seed) => [['payment', (paymentId = await seed.payment(tenant, { customerId, invoiceId: null, amountCents: 4_500, receivedOn: today() }))]]);
      // While the cause is there, the sweep tries again under a new id and is refused again.
      await stack.host.plugin.sweep();
      await drain();
      const refused = (await paymentWrites()).slice(before).filter((r) => r.status === 400);
      expect(refused.length).toBeGreaterThanOrEqual(2);
      expect(new Set(refused.map((r) => r.requestid)).size).toBe(refused.length);
      expect(await linkOf('payment', paymentId)).toBeUndefined();
      expect((await failures('payment', paymentId)).map((f) => f.message).join(' ')).toMatch(/Armed by the test/);
      await control('DELETE', `/refusals?realmId=${stack.realmId}`);
      return { customerId, paymentId, refusedIds: new Set(refused.map((r) => r.requestid)) };
    };
    const creditArrived = async (refused: { customerId: string; paymentId: string; refusedIds: Set<string | undefined> }): Promise<void> => {
      const qboId = await linkOf('payment', refused.paymentId);
      expect(qboId).toBeDefined();
      expect((await qbo('Payment')).find((record) => record.Id === qboId)).toMatchObject({ TotalAmt: 45, UnappliedAmt: 45 });
      const accepted = (await paymentWrites()).filter((r) => r.status === 200);
      expect(refused.refusedIds.has(accepted[accepted.length - 1]!.requestid)).toBe(false);
      const qboCustomer = await linkOf('customer', refused.customerId);
      expect((await books()).customers.find((c) => c.id === qboCustomer)).toMatchObject({ openReceivableCents: 0, openCreditCents: 4_500, balanceCents: -4_500 });
    };

    it('through the sweep: the refusal cleared, the payment arrives with no edit in the host', async () => {
      const refused = await refusedCredit('SweepArmed');
      const row = await stack.db.knex('payments').where({ id: refused.paymentId }).first();
      await stack.host.plugin.sweep();
      await drain();
      await creditArrived(refused);
      expect(await stack.db.knex('payments').where({ id: refused.paymentId }).first()).toEqual(row);
    });

    it("through the admin's Retry: the refusal cleared, Retry sends it under a new request id", async () => {
      const refused = await refusedCredit('RetryArmed');
      const listed = await request(stack.host.app).get(`${mountPath}/activity?outcome=failure&kind=payment`).set('x-company-id', tenant).expect(200);
      const entry = (listed.body.items as Array<{ id: string; hostId: string; outboxId: string | null }>).find((item) => item.hostId === refused.paymentId && item.outboxId !== null);
      expect(entry).toBeDefined();
      await request(stack.host.app).post(`${mountPath}/activity/${entry!.id}/retry`).set('x-company-id', tenant).expect(200);
      await drain();
      await creditArrived(refused);
    });
  });
});
