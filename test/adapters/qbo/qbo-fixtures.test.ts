import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { qboErrorFrom } from '../../../src/adapters/qbo/qbo-fault.parser';
import { recordFrom } from '../../../src/adapters/qbo/qbo-record.mapper';
import { batchAnswers, entityIn, isDeletedAnswer, queryCount, queryRows } from '../../../src/adapters/qbo/qbo-response.parser';

// Samples from Intuit's documentation (qbo-api.md), kept as files so the parsers meet the real wire format.
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../../fixtures/qbo', `${name}.json`), 'utf8'));

const entityOf = <E extends 'Customer' | 'Invoice' | 'Payment' | 'RefundReceipt'>(name: string, entity: E) => {
  const json = entityIn(entity, fixture(name));
  if (json === null) throw new Error(`${name} has no ${entity}`);
  return recordFrom(entity, json);
};

describe('QBO documentation samples', () => {
  it('reads a customer create response into domain fields', () => {
    const customer = entityOf('customer-create-response', 'Customer');
    expect(customer).toEqual({
      entity: 'Customer',
      ref: { id: '67', syncToken: '0' },
      fields: {
        displayName: "King's Groceries",
        givenName: 'James',
        familyName: 'King',
        companyName: 'King Groceries',
        email: 'jdrew@myemail.com',
        phone: '(555) 555-5555',
        billAddr: { line1: '123 Main Street', city: 'Mountain View', region: 'CA', postalCode: '94042' },
        active: true,
      },
    });
  });

  it('reads every row of a query page, inactive rows included', () => {
    const rows = queryRows('Customer', fixture('query-response')).map((row) => recordFrom('Customer', row));
    expect(rows.map((row) => [row.ref.id, row.fields.displayName, row.fields.active])).toEqual([
      ['1', "Amy's Bird Sanctuary", true],
      ['58', 'Old Pools Inc (deleted)', false],
    ]);
  });

  it('reads an empty query response as no rows and a count response as its total', () => {
    expect(queryRows('Customer', fixture('query-empty-response'))).toEqual([]);
    expect(queryCount(fixture('query-count-response'))).toBe(412);
  });

  it('correlates batch answers by bId and maps each fault to its kind', () => {
    const answers = batchAnswers(fixture('batch-response-with-faults'));
    expect([...answers.keys()]).toEqual(['bid1', 'bid2', 'bid3', 'bid4']);
    const kinds = [...answers.values()].map((answer) =>
      answer.faulted ? qboErrorFrom(200, answer.body, undefined).kind : 'ok',
    );
    expect(kinds).toEqual(['DuplicateName', 'ok', 'StaleObject', 'ok']);
    expect(recordFrom('Customer', entityIn('Customer', answers.get('bid4')?.body)!).ref).toEqual({ id: '88', syncToken: '0' });
  });

  it('explains a duplicate name in plain words and keeps the code, detail and intuit_tid', () => {
    const error = qboErrorFrom(400, fixture('fault-duplicate-name'), 'tid-1', { entity: 'Customer', name: 'Maria Lopez' });
    expect(error).toEqual({
      kind: 'DuplicateName',
      message: "QuickBooks says the name 'Maria Lopez' is already used by another customer, vendor or employee.",
      code: '6240',
      detail: expect.stringContaining('already using this name'),
      intuitTid: 'tid-1',
    });
  });

  it('reads the lowercase fault of a 401 as Unauthorized', () => {
    const error = qboErrorFrom(401, fixture('fault-unauthorized-lowercase'), 'tid-2');
    expect(error.kind).toBe('Unauthorized');
    expect(error.code).toBe('3200');
    expect(error.intuitTid).toBe('tid-2');
  });

  it('reads a 3001 throttle fault as Throttled', () => {
    expect(qboErrorFrom(429, fixture('fault-throttle-3001'), undefined).kind).toBe('Throttled');
  });

  it('recognises a payment delete answer', () => {
    expect(isDeletedAnswer('Payment', fixture('payment-delete-response'))).toBe(true);
    expect(isDeletedAnswer('Payment', fixture('payment-response'))).toBe(false);
  });

  it('reads a refund receipt: refund item, deposit account, amount in cents', () => {
    const refund = entityOf('refund-receipt-response', 'RefundReceipt');
    expect(refund.fields).toEqual({
      customerId: '16',
      txnDate: '2015-07-29',
      depositAccountId: '35',
      refundItemId: '38',
      amountCents: 42000,
      privateNote: 'qbo-sync:t1:refund:r-9',
    });
  });

  it('reads invoice lines without the subtotal line, amounts in cents', () => {
    const invoice = entityOf('invoice-response', 'Invoice');
    expect(invoice.fields.lines).toEqual([
      { itemId: '1', description: 'Weekly pool service', quantity: 1, unitPriceCents: 15000, amountCents: 15000 },
      { itemId: '7', description: 'Chlorine tabs', quantity: 3, unitPriceCents: 335, amountCents: 1005 },
      { itemId: null, description: 'Gate code 1234', quantity: 0, unitPriceCents: 0, amountCents: 0 },
    ]);
    expect([invoice.totalCents, invoice.balanceCents, invoice.voided]).toEqual([16005, 0, false]);
  });

  it('reads a payment applied to an invoice, with its unapplied remainder', () => {
    const payment = entityOf('payment-response', 'Payment');
    expect(payment.fields.invoiceId).toBe('70');
    expect([payment.fields.totalCents, payment.unappliedCents]).toEqual([6500, 1000]);
    expect(payment.fields.depositAccountId).toBe('4');
  });

  it('turns an unreadable body into a plain-words error rather than a crash', () => {
    expect(qboErrorFrom(502, '<html>Bad gateway</html>', undefined).kind).toBe('Unavailable');
    expect(qboErrorFrom(400, null, undefined).kind).toBe('Validation');
  });
});
