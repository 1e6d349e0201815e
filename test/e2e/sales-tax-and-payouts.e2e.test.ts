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
const payouts: Tenant = { id: '1524', realmId: '' };

let stack: HostStack;
beforeAll(async () => {
  // A write QBO refused is tried again by the next sweep (no wait), as the payout that waits for a failed payment needs.
  stack = await startHostStack({ delivery: { refusalWaitMs: 0 } });
  automated.realmId = await connectAndEnable(stack.host.app, stack.emulator.url, automated.id, 'automated');
  manual.realmId = await connectAndEnable(stack.host.app, stack.emulator.url, manual.id, 'manual');
  untaxed.realmId = await connectAndEnable(stack.host.app, stack.emulator.url, untaxed.id);
  payouts.realmId = await connectAndEnable(stack.host.app, stack.emulator.url, payouts.id);
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

  it('manual tax codes: a taxed invoice waits, saying so, until the tax code is chosen; saving the code sends it with no Retry, the code\'s rates carrying the host\'s total', async () => {
    const { invoiceId, totalCents } = await paidTaxedInvoice(manual, 'MAN-1', { name: 'Tucson 9.15%', percent: 9.15 });
    expect(totalCents).toBe(15_915);
    expect(await qbo(manual, 'Invoice')).toEqual([]);
    const held = (await api(manual).get('/activity?outcome=failure').expect(200)).body.items as Array<{ id: string; kind: string; message: string; outboxId: string | null }>;
    const invoiceHeld = held.find((entry) => entry.kind === 'invoice')!;
    expect(invoiceHeld.message).toContain('Invoice MAN-1 charges $9.15 of sales tax (Tucson 9.15%), and QuickBooks needs the tax code it is filed under: choose the tax code for taxed invoices in the QuickBooks settings');
    expect(invoiceHeld.message).toContain('and the invoice is then sent by itself');
    // An unpaid invoice is not sent on its own: what is held is its payment, which needs it.
    const heldEntry = await stack.db.knex('qbo_activity').where({ tenant_id: manual.id, outcome: 'failure', kind: 'payment' }).whereNotNull('outbox_id').orderBy('id', 'desc').first();
    expect(heldEntry.message).toContain('choose the tax code for taxed invoices in the QuickBooks settings');
    const heldRow = await stack.db.knex('qbo_outbox').where({ id: heldEntry.outbox_id }).first();
    expect(heldRow.state).toBe('failed');

    // Saving the tax code is the cure: no Retry, no edit in the host.
    await chooseTaxCode(manual, 'Tucson');
    const released = (await api(manual).get('/activity?outcome=success').expect(200)).body.items as Array<{ kind: string | null; message: string }>;
    expect(released.filter((entry) => entry.kind === null && entry.message.startsWith('Sales tax code chosen')).map((entry) => entry.message)).toEqual(['Sales tax code chosen: 1 payment waiting for it is being sent.']);
    expect((await stack.db.knex('qbo_outbox').where({ id: heldRow.id }).first()).state).toBe('pending');
    await settle();
    expect(await stack.db.knex('qbo_outbox').where({ tenant_id: manual.id, state: 'failed' })).toEqual([]);
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

describe('processor payouts as bank deposits (issue 15)', () => {
  let customerId = '';
  const accounts: Record<string, string> = {};
  const deposits = async (): Promise<EmulatorRecord[]> => (await qbo(payouts, 'Deposit')).filter((deposit) => deposit['status'] !== 'Deleted');
  const depositOf = async (payoutId: string): Promise<EmulatorRecord | undefined> => {
    const id = await linkOf(payouts, 'payout', payoutId);
    return (await deposits()).find((deposit) => deposit.Id === id);
  };
  /** Account credits received today: payments that wait in Undeposited Funds. */
  const payments = (seed: ReferenceHostSeeder, amounts: readonly number[]) => Promise.all(amounts.map((amountCents) => seed.payment(payouts.id, { customerId, amountCents, receivedOn: today() })));

  beforeAll(async () => {
    const listed = (await api(payouts).get('/accounts').expect(200)).body as Record<string, Array<{ id: string; name: string }>>;
    accounts['bank'] = listed['payout']!.find((account) => account.name === 'Checking')!.id;
    accounts['fee'] = listed['payoutFee']!.find((account) => account.name === 'Bank Charges & Fees')!.id;
    await hostChange(payouts, async (seed) => [['customer', (customerId = await seed.customer(payouts.id, { firstName: 'Card', lastName: 'Payer' }))]]);
  });

  it('payouts off (the default): a payout sends nothing, its payments stay in Undeposited Funds', async () => {
    expect((await api(payouts).get('/settings').expect(200)).body.payoutAccountId).toBeNull();
    await hostChange(payouts, async (seed) => {
      const ids = await payments(seed, [2_000]);
      return [...ids.map((id): [HostRecordKind, string] => ['payment', id]), ['payout', await seed.payout(payouts.id, { paymentIds: ids, feeCents: 60, paidOn: today() })]];
    });
    expect(await failures(payouts)).toEqual([]);
    expect(await deposits()).toEqual([]);
    expect(await balances(payouts)).toMatchObject({ 'Undeposited Funds': 2_000 });
  });

  it('a payout of three payments with a fee: one deposit of the net into the bank; UF, bank and fee account move', async () => {
    await api(payouts).put('/settings', { payoutAccountId: accounts['bank'], payoutFeeAccountId: accounts['fee'] }).expect(200);
    const before = await balances(payouts);
    let payoutId = '';
    await hostChange(payouts, async (seed) => {
      const ids = await payments(seed, [10_000, 5_550, 2_000]);
      payoutId = await seed.payout(payouts.id, { paymentIds: ids, feeCents: 512, paidOn: today(), reference: 'po_3Jk' });
      return [...ids.map((id): [HostRecordKind, string] => ['payment', id]), ['payout', payoutId]];
    });
    expect(await failures(payouts)).toEqual([]);
    const [deposit] = await deposits();
    expect(deposit!.Id).toBe(await linkOf(payouts, 'payout', payoutId));
    expect(deposit).toMatchObject({ TotalAmt: 170.38, DepositToAccountRef: { value: accounts['bank'] } });
    const lines = deposit!['Line'] as Array<Record<string, any>>;
    expect(lines.filter((line) => line['LinkedTxn']).map((line) => line['Amount'])).toEqual([100, 55.5, 20]);
    expect(lines.find((line) => line['DepositLineDetail'])).toMatchObject({ Amount: -5.12, DepositLineDetail: { AccountRef: { value: accounts['fee'] } } });
    const after = await balances(payouts);
    // The three payments arrived in Undeposited Funds and left it in the deposit: UF is where it was.
    expect(after['Undeposited Funds']).toBe(before['Undeposited Funds']);
    expect(after['Checking']! - (before['Checking'] ?? 0)).toBe(17_038);
    expect(after['Bank Charges & Fees']! - (before['Bank Charges & Fees'] ?? 0)).toBe(512);
  });

  it('a payout edited in the host is updated in QBO; deleted, its deposit is deleted and the payments wait in UF again', async () => {
    const payoutId = String((await stack.db.knex('payouts').where({ company_id: payouts.id, reference: 'po_3Jk' }).first()).id);
    await hostChange(payouts, async (seed) => (await seed.updatePayout(payoutId, { feeCents: 500 }), [['payout', payoutId]]));
    expect(await failures(payouts)).toEqual([]);
    expect((await deposits())[0]).toMatchObject({ TotalAmt: 170.5 });
    expect((await balances(payouts))['Bank Charges & Fees']).toBe(500);
    const before = await balances(payouts);
    await hostChange(payouts, async (seed) => (await seed.deletePayout(payoutId), [['payout', payoutId]]));
    expect(await deposits()).toEqual([]);
    const after = await balances(payouts);
    expect([after['Undeposited Funds']! - before['Undeposited Funds']!, after['Checking'] ?? 0, after['Bank Charges & Fees'] ?? 0]).toEqual([17_550, 0, 0]);
  });

  it('a payout waits while one of its payments failed to reach QBO, then goes once it does', async () => {
    const closed = (closedThrough: string | null) =>
      fetch(`${stack.emulator.url}/__emulator/realms/${payouts.realmId}/close-books`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ closedThrough }) });
    let payoutId = '';
    let failedId = '';
    await hostChange(payouts, async (seed) => {
      const [sent] = await payments(seed, [3_000]);
      return [['payment', sent!]];
    });
    // The bookkeeper closes the books through today: the next payment dated today is refused, and its payout waits.
    expect((await closed(today())).status).toBe(200);
    const sentId = String((await stack.db.knex('payments').where({ company_id: payouts.id, amount_cents: 3_000 }).first()).id);
    await hostChange(payouts, async (seed) => {
      failedId = (await payments(seed, [4_000]))[0]!;
      payoutId = await seed.payout(payouts.id, { paymentIds: [sentId, failedId], feeCents: 210, paidOn: today(), reference: 'po_wait' });
      return [['payment', failedId], ['payout', payoutId]];
    });
    expect(await linkOf(payouts, 'payment', failedId)).toBeUndefined();
    expect(await deposits()).toEqual([]);
    // Named as the host shows them: the payout by its net and date, the payment it needs by its amount and date.
    const waiting = (await failures(payouts)).filter((message) => message.startsWith(`Did not send payout of $67.90 on ${today()}`));
    expect(waiting.at(-1)).toContain(`account credit of $40.00 received ${today()}, which it needs, could not be sent`);

    expect((await closed(null)).status).toBe(200);
    await stack.host.plugin.sweep();
    await settle();
    expect(await linkOf(payouts, 'payment', failedId)).toBeDefined();
    expect(await depositOf(payoutId)).toMatchObject({ TotalAmt: 67.9 });
    // The sweep also sent the payout made while payouts were off: turning them on covers payouts since the sync began.
    expect((await deposits()).map((deposit) => deposit['TotalAmt']).sort()).toEqual([19.4, 67.9]);
  });

  it('a payment deleted after its payout was synced waits (QBO refuses 6540), the deposit unchanged; taken out of the payout, both follow', async () => {
    const payoutId = String((await stack.db.knex('payouts').where({ company_id: payouts.id, reference: 'po_wait' }).first()).id);
    const [kept, clawedBack] = (await stack.db.knex('payout_payments').where({ payout_id: payoutId }).orderBy('payment_id').pluck('payment_id')).map(String);
    const qboPayment = await linkOf(payouts, 'payment', clawedBack!);
    await hostChange(payouts, async (seed) => (await seed.deletePayment(clawedBack!), [['payment', clawedBack!]]));
    const held = (await failures(payouts)).at(-1)!;
    expect(held).toContain(`it is in the QuickBooks deposit of the payout of $67.90 on ${today()}, and QuickBooks does not let a deposited payment be deleted`);
    expect(await depositOf(payoutId)).toMatchObject({ TotalAmt: 67.9 });
    expect((await qbo(payouts, 'Payment')).find((payment) => payment.Id === qboPayment)?.['status']).toBeUndefined();

    await hostChange(payouts, async (seed) => (await seed.updatePayout(payoutId, { paymentIds: [kept!] }), [['payout', payoutId]]));
    expect(await depositOf(payoutId)).toMatchObject({ TotalAmt: 27.9 });
    expect((await qbo(payouts, 'Payment')).find((payment) => payment.Id === qboPayment)?.['status']).toBe('Deleted');
    expect(await balances(payouts)).toMatchObject({ 'Bank Charges & Fees': 60 + 210, Checking: 1_940 + 2_790 });
  });

  it('a refund of an account credit a synced payout deposited waits with what to do (no raw 6540); once the payout drops the credit, the refund goes', async () => {
    let creditId = '';
    let otherId = '';
    let payoutId = '';
    let refundId = '';
    await hostChange(payouts, async (seed) => {
      const ids = await payments(seed, [5_000, 3_000]);
      [creditId, otherId] = [ids[0]!, ids[1]!];
      payoutId = await seed.payout(payouts.id, { paymentIds: ids, feeCents: 100, paidOn: today(), reference: 'po_refund' });
      return [['payment', creditId], ['payment', otherId], ['payout', payoutId]];
    });
    expect(await depositOf(payoutId)).toMatchObject({ TotalAmt: 79 });
    const creditInQbo = await linkOf(payouts, 'payment', creditId);
    const purchasesBefore = (await qbo(payouts, 'Purchase')).length;
    const failuresBefore = (await failures(payouts)).length;

    await hostChange(payouts, async (seed) => [['refund', (refundId = await seed.refund(payouts.id, { paymentId: creditId, amountCents: 2_000, refundedOn: today() }))]]);
    const held = (await failures(payouts)).slice(failuresBefore);
    expect(held).toHaveLength(1);
    expect(held[0]).toContain(`Refund of $20.00 on ${today()} refunds a customer credit (the payment of $50.00 received ${today()}) that a payout already deposited in QuickBooks`);
    expect(held[0]).toContain('take it out of the payout in the app: the deposit is updated and the refund then sent by itself');
    expect(held.join('\n')).not.toMatch(/6540\)?:|Object Not Found|deposited transaction/i);
    expect(await linkOf(payouts, 'refund', refundId)).toBeUndefined();
    expect((await qbo(payouts, 'Purchase')).length).toBe(purchasesBefore);
    expect((await qbo(payouts, 'Payment')).find((payment) => payment.Id === creditInQbo)).toMatchObject({ TotalAmt: 50, UnappliedAmt: 50 });

    // The processor did not pay the credit out after all: the payout drops it, and the refund heals with no Retry.
    await hostChange(payouts, async (seed) => (await seed.updatePayout(payoutId, { paymentIds: [otherId] }), [['payout', payoutId]]));
    expect(await depositOf(payoutId)).toMatchObject({ TotalAmt: 29 });
    const purchaseId = await linkOf(payouts, 'refund', refundId);
    expect(purchaseId).toBeDefined();
    expect((await qbo(payouts, 'Purchase')).find((purchase) => purchase.Id === purchaseId)).toMatchObject({ TotalAmt: 20 });
    expect((await qbo(payouts, 'Payment')).find((payment) => payment.Id === creditInQbo)).toMatchObject({ TotalAmt: 50, UnappliedAmt: 30 });
    expect(await stack.db.knex('qbo_outbox').where({ tenant_id: payouts.id, state: 'pending' })).toEqual([]);
  });
});
