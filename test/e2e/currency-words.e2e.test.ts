import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import type { HostRecordKind } from '../../src/domain/host/host-records';
import { connectThroughOAuth } from '../support/oauth-walk';
import { enableSync } from '../support/setup-walk';
import { useHostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';
import { today, unsettledRows } from '../support/workers/sync-tenant';

const tenant = '616';

/**
 * Money in the QuickBooks company's currency in the activity log (issue 18): a Canadian company's new rows, and its
 * CSV, read "CA$", never a bare "$" (MariaDB, the emulator over HTTP, a company made in CAD).
 */
describe('activity messages give money in the company\'s home currency', () => {
  const stack = useHostStack({ timeoutMs: 30_000 });

  beforeAll(async () => {
    const made = await fetch(`${stack.emulator.url}/__emulator/realms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ companyName: 'Maple Pools', homeCurrency: 'CAD' }) });
    expect(made.ok).toBe(true);
    expect((await connectThroughOAuth(stack.host.app, tenant)).status).toBe(303);
    await enableSync(stack.host.app, tenant);
  }, 30_000);

  const change = async (write: (seed: ReferenceHostSeeder) => Promise<Array<[HostRecordKind, string]>>): Promise<void> => {
    const touched = await write(new ReferenceHostSeeder(stack.db.knex));
    await stack.host.plugin.notify(touched.map(([kind, id]) => ({ tenantId: tenant, kind, id })));
    for (let pass = 0; pass < 5 && (await unsettledRows(stack.db.knex)) > 0; pass++) await stack.host.plugin.deliverPending();
  };
  const messages = async (): Promise<string[]> =>
    (await stack.db.knex('qbo_activity').where({ tenant_id: tenant }).whereNotNull('kind').orderBy('id').select('message')).map((row: { message: string }) => row.message);

  it('keeps the company\'s currency once read, and names payments and refusals in CA$', async () => {
    let paymentId = '';
    await change(async (seed) => {
      const customerId = await seed.customer(tenant, { firstName: 'Émile', lastName: 'Roy' });
      const itemId = await seed.item(tenant, { kind: 'pool_service', name: 'Opening visit', unitPriceCents: 1_234_50 });
      const invoiceId = await seed.invoice(tenant, { customerId, number: 'MP-1', issuedOn: today(), lines: [{ catalogItemId: itemId, quantity: 1, unitPriceCents: 1_234_50 }] });
      paymentId = await seed.payment(tenant, { customerId, invoiceId, amountCents: 1_234_50, receivedOn: today() });
      return [['customer', customerId], ['item', itemId], ['invoice', invoiceId], ['payment', paymentId]];
    });
    // A refund of more than the payment: refused with both amounts in words.
    await change(async (seed) => [['refund', await seed.refund(tenant, { paymentId, amountCents: 2_000_00, refundedOn: today() })]]);

    expect((await stack.db.knex('qbo_settings').where({ tenant_id: tenant }).first()).home_currency).toBe('CAD');
    const logged = await messages();
    expect(logged.join('\n')).toContain('payment of CA$1,234.50 received');
    expect(logged.join('\n')).toMatch(/more than the CA\$1234\.50 payment it refunds/);
    // No amount in the rows of this company reads a bare "$".
    expect(logged.filter((message) => /(^|[^A-Z])\$\d/.test(message))).toEqual([]);

    const csv = await request(stack.host.app).get(`${mountPath}/activity.csv`).set('x-company-id', tenant).expect(200);
    expect(csv.text).toContain('CA$1,234.50');
    expect(csv.text).not.toMatch(/(^|[^A-Z])\$\d/m);
  });
});
