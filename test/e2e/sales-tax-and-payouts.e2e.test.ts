import type { Knex } from 'knex';
import request from 'supertest';
import { ReferenceHostSeeder } from '../../examples/reference-host/reference-host-seed';
import type { HostRecordKind } from '../../src/domain/host/host-records';
import { emulatorState, type EmulatorRecord } from '../support/emulator-state';
import { startHostStack, type HostStack } from '../support/host-stack';
import { mountPath } from '../support/test-host';
import { connectAndEnable, today, unsettledRows } from '../support/workers/sync-tenant';

// Issue 15 end to end: MariaDB, notify() in the host's transaction, deliverPending, the emulator over HTTP; the
// books (sales tax payable, bank, Undeposited Funds, fee account) read from the emulator's books endpoint.
jest.setTimeout(60_000);

interface Tenant {
  readonly id: string;
  realmId: string;
}

const automated: Tenant = { id: '1521', realmId: '' };
const manual: Tenant = { id: '1522', realmId: '' };
const untaxed: Tenant = { id: '1523', realmId: '' };

let stack: HostStack;
beforeAll(async () => {
  stack = await startHostStack({});
  automated.realmId = await connectAndEnable(stack.host.app, stack.emulator.url, automated.id, 'automated');
  manual.realmId = await connectAndEnable(stack.host.app, stack.emulator.url, manual.id, 'manual');
  untaxed.realmId = await connectAndEnable(stack.host.app, stack.emulator.url, untaxed.id);
}, 60_000);
afterAll(() => stack?.close());

const api = (tenant: Tenant) => ({
  get: (path: string) => request(stack.host.app).get(`${mountPath}${path}`).set('x-company-id', tenant.id),
  put: (path: string, body: object) => request(stack.host.app).put(`${mountPath}${path}`).set('x-company-id', tenant.id).send(body),
  post: (path: string, body: object = {}) => request(stack.host.app).post(`${mountPath}${path}`).set('x-company-id', tenant.id).send(body),
});

/** One host transaction that writes and signals, then delivery passes until the outbox is settled. */
const hostChange = async (tenant: Tenant, write: (seed: ReferenceHostSeeder, trx: Knex.Transaction) => Promise<Array<[HostRecordKind, string]>>): Promise<void> => {
  await stack.db.knex.transaction(async (trx) => {
    const touched = await write(new ReferenceHostSeeder(trx), trx);
    await stack.host.plugin.notify(touched.map(([kind, id]) => ({ tenantId: tenant.id, kind, id })), { trx });
  });
  await settle();
};
const settle = async (): Promise<void> => {
  for (let pass = 0; pass < 8 && (await unsettledRows(stack.db.knex)) > 0; pass++) await stack.host.plugin.deliverPending();
  expect(await unsettledRows(stack.db.knex)).toBe(0);
};
const failures = async (tenant: Tenant): Promise<string[]> =>
  (await stack.db.knex('qbo_activity').where({ tenant_id: tenant.id, outcome: 'failure' }).orderBy('id').select('message')).map((row: { message: string }) => row.message);
const qbo = async (tenant: Tenant, entity: string): Promise<EmulatorRecord[]> => (await emulatorState(stack.emulator.url, tenant.realmId))[entity] ?? [];
const linkOf = async (tenant: Tenant, kind: HostRecordKind, hostId: string): Promise<string | undefined> =>
  (await stack.db.knex('qbo_links').where({ tenant_id: tenant.id, kind, host_id: hostId }).first())?.qbo_id;
/** Every account's balance in cents, by name, as the emulator's books say. */
const balances = async (tenant: Tenant): Promise<Record<string, number>> => {
  const response = await fetch(`${stack.emulator.url}/__emulator/realms/${tenant.realmId}/books`);
  const summary = (await response.json()) as { accounts: Array<{ name: string; balanceCents: number }> };
  return Object.fromEntries(summary.accounts.map((account) => [account.name, account.balanceCents]));
};
const chooseTaxCode = async (tenant: Tenant, name: string): Promise<string> => {
  const codes = (await api(tenant).get('/accounts').expect(200)).body.taxCodes as Array<{ id: string; name: string }>;
  const code = codes.find((each) => each.name === name)!;
  await api(tenant).put('/settings', { taxCodeId: code.id }).expect(200);
  return code.id;
};

/** A customer, a taxable chemical and an untaxed service, then a paid invoice of $100 chemicals + $50 labour at `rate`. */
const paidTaxedInvoice = async (tenant: Tenant, number: string, rate: { name: string; percent: number } | undefined): Promise<{ invoiceId: string; totalCents: number }> => {
  let invoiceId = '';
  await hostChange(tenant, async (seed) => {
    const customerId = await seed.customer(tenant.id, { firstName: 'Tess', lastName: `Tax ${number}` });
    const chemical = await seed.item(tenant.id, { kind: 'dosage', name: `Muriatic acid ${number}`, unitPriceCents: 10_000 });
    const labour = await seed.item(tenant.id, { kind: 'pool_service', name: `Acid wash ${number}`, unitPriceCents: 5_000 });
    invoiceId = await seed.invoice(tenant.id, {
      customerId, number, issuedOn: today(), taxRate: rate,
      lines: [{ catalogItemId: chemical, unitPriceCents: 10_000, taxable: true, description: 'Muriatic acid' }, { catalogItemId: labour, unitPriceCents: 5_000, description: 'Acid wash' }],
    });
    return [['customer', customerId], ['item', chemical], ['item', labour], ['invoice', invoiceId]];
  });
  const totalCents = Number((await stack.db.knex('invoices').where({ id: invoiceId }).first()).total_cents);
  await hostChange(tenant, async (seed) => {
    const customerId = String((await stack.db.knex('invoices').where({ id: invoiceId }).first()).customer_id);
    return [['payment', await seed.payment(tenant.id, { customerId, invoiceId, amountCents: totalCents, receivedOn: today() })]];
  });
  return { invoiceId, totalCents };
};

describe('sales tax as billed (issue 15)', () => {
  it('automated sales tax: the host\'s tax is sent as the override, not recomputed (QBO would charge 7.25 %), and owed to the agency', async () => {
    await chooseTaxCode(automated, 'California');
    const { invoiceId, totalCents } = await paidTaxedInvoice(automated, 'AST-1', { name: 'Pima 8.7%', percent: 8.7 });
    expect(totalCents).toBe(15_870);
    expect(await failures(automated)).toEqual([]);
    const invoice = (await qbo(automated, 'Invoice')).find((each) => each['DocNumber'] === 'AST-1')!;
    expect(invoice.Id).toBe(await linkOf(automated, 'invoice', invoiceId));
    expect(invoice).toMatchObject({ TotalAmt: 158.7, Balance: 0, TxnTaxDetail: { TotalTax: 8.7 } });
    const codes = (invoice['Line'] as Array<Record<string, any>>).filter((line) => line['DetailType'] === 'SalesItemLineDetail').map((line) => line['SalesItemLineDetail'].TaxCodeRef.value);
    expect(codes).toEqual(['TAX', 'NON']);
    expect(await balances(automated)).toMatchObject({ 'California Department of Tax and Fee Administration Payable': 870, 'Undeposited Funds': 15_870 });
  });

  it('manual tax codes: a taxed invoice waits, saying so, until the tax code is chosen; then the code\'s rates carry the host\'s total', async () => {
    const { invoiceId, totalCents } = await paidTaxedInvoice(manual, 'MAN-1', { name: 'Tucson 9.15%', percent: 9.15 });
    expect(totalCents).toBe(15_915);
    expect(await qbo(manual, 'Invoice')).toEqual([]);
    const held = (await api(manual).get('/activity?outcome=failure').expect(200)).body.items as Array<{ id: string; kind: string; message: string; outboxId: string | null }>;
    const invoiceHeld = held.find((entry) => entry.kind === 'invoice')!;
    expect(invoiceHeld.message).toContain('Invoice MAN-1 charges $9.15 of sales tax (Tucson 9.15%), and QuickBooks needs the tax code it is filed under: choose the tax code for taxed invoices in the QuickBooks settings');

    await chooseTaxCode(manual, 'Tucson');
    const payment = held.find((entry) => entry.kind === 'payment' && entry.outboxId !== null) ?? held.find((entry) => entry.outboxId !== null)!;
    await api(manual).post(`/activity/${payment.id}/retry`).expect(200);
    await settle();
    const [invoice] = await qbo(manual, 'Invoice');
    expect(invoice!.Id).toBe(await linkOf(manual, 'invoice', invoiceId));
    expect(invoice).toMatchObject({ TotalAmt: 159.15, Balance: 0, TxnTaxDetail: { TotalTax: 9.15 } });
    const taxLines = (invoice!['TxnTaxDetail'] as { TaxLine: Array<{ Amount: number }> }).TaxLine.map((line) => line.Amount);
    expect(taxLines.reduce((sum, amount) => sum + Math.round(amount * 100), 0)).toBe(915);
    expect(await balances(manual)).toMatchObject({ 'Arizona Dept. of Revenue Payable': 915, 'Undeposited Funds': 15_915 });
  });

  it('an untaxed invoice goes untaxed (every line NON, TotalTax 0) where QBO charges no sales tax', async () => {
    const { invoiceId } = await paidTaxedInvoice(untaxed, 'NOTAX-1', undefined);
    expect(await failures(untaxed)).toEqual([]);
    const [invoice] = await qbo(untaxed, 'Invoice');
    expect(invoice!.Id).toBe(await linkOf(untaxed, 'invoice', invoiceId));
    expect(invoice).toMatchObject({ TotalAmt: 150, Balance: 0, TxnTaxDetail: { TotalTax: 0 } });
    const codes = (invoice!['Line'] as Array<Record<string, any>>).filter((line) => line['DetailType'] === 'SalesItemLineDetail').map((line) => line['SalesItemLineDetail'].TaxCodeRef.value);
    expect(codes).toEqual(['NON', 'NON']);
    expect(await balances(untaxed)).toMatchObject({ 'Undeposited Funds': 15_000 });
  });

  it('a taxed invoice edited in the host updates QBO\'s tax with its lines, still the host\'s to the cent', async () => {
    const invoiceId = String((await stack.db.knex('invoices').where({ company_id: automated.id, number: 'AST-1' }).first()).id);
    await hostChange(automated, async (_seed, trx) => {
      await trx('invoices').where({ id: invoiceId }).update({ tax_cents: 880, total_cents: 15_880, updated_at: new Date() });
      return [['invoice', invoiceId]];
    });
    expect(await failures(automated)).toEqual([]);
    const invoice = (await qbo(automated, 'Invoice')).find((each) => each['DocNumber'] === 'AST-1')!;
    expect(invoice).toMatchObject({ TotalAmt: 158.8, Balance: 0.1, TxnTaxDetail: { TotalTax: 8.8 } });
    expect(await balances(automated)).toMatchObject({ 'California Department of Tax and Fee Administration Payable': 880 });
  });
});
