import fc from 'fast-check';
import { decidePayment, type PaymentContext } from '../../../src/domain/payments/decide-payment';
import { anInvoice, aPayment } from '../../support/domain/host-records.builder';
import { aLink, applied } from '../../support/domain/link.builder';

const context: PaymentContext = {
  invoice: anInvoice(),
  otherPayments: [],
  customerLink: aLink('customer', '17', 'Customer', '58'),
  invoiceLink: aLink('invoice', 'inv-1', 'Invoice', '130'),
  depositAccountId: '35',
};

describe('decidePayment', () => {
  it('creates a payment applied to the invoice, into the deposit account', () => {
    expect(decidePayment('pool-co', aPayment(), context, null)).toMatchObject({
      kind: 'create',
      draft: {
        entity: 'Payment',
        fields: { customerId: '58', totalCents: 29998, txnDate: '2026-06-03', depositAccountId: '35', invoiceId: '130', paymentRefNum: 'VISA-4242', privateNote: 'Payment received 2026-06-03 for invoice 1001, from the business app. Sync reference: qbo-sync:pool-co:payment:p-1' },
      },
      dependencies: [{ kind: 'customer', hostId: '17' }, { kind: 'invoice', hostId: 'inv-1' }],
    });
  });

  it('creates an account credit as an unapplied payment', () => {
    const credit = aPayment({ id: 'p-9', invoiceId: null, amountCents: 5000 });
    expect(decidePayment('pool-co', credit, { ...context, invoice: null, invoiceLink: null }, null)).toMatchObject({
      kind: 'create', draft: { entity: 'Payment', fields: { invoiceId: null, totalCents: 5000 } }, dependencies: [{ kind: 'customer', hostId: '17' }],
    });
  });

  it('waits for its invoice to reach QBO first', () => {
    expect(decidePayment('pool-co', aPayment(), { ...context, invoiceLink: null }, null)).toEqual({ kind: 'awaiting', dependencies: [{ kind: 'invoice', hostId: 'inv-1' }] });
  });

  it('deletes the QBO payment when the host deletes the payment, once', () => {
    const link = applied('payment', 'p-1', decidePayment('pool-co', aPayment(), context, null), null);
    const deletion = decidePayment('pool-co', aPayment({ deleted: true }), context, link);
    expect(deletion).toMatchObject({ kind: 'delete', entity: 'Payment', ref: { id: '900', syncToken: '0' } });
    expect(decidePayment('pool-co', aPayment({ deleted: true }), context, applied('payment', 'p-1', deletion, link)).kind).toBe('nothing');
    expect(decidePayment('pool-co', aPayment({ deleted: true }), context, null).kind).toBe('nothing');
  });

  it.each([
    ['negative_amount', aPayment({ amountCents: -100 }), {}],
    ['zero_amount', aPayment({ amountCents: 0 }), {}],
    ['not_whole_cents', aPayment({ amountCents: 10.5 }), {}],
    ['missing_invoice', aPayment(), { invoice: null }],
    ['customer_mismatch', aPayment({ customerId: '18' }), {}],
    ['no_deposit_account', aPayment(), { depositAccountId: null }],
  ] as const)('rejects with %s', (code, payment, overrides) => {
    expect(decidePayment('pool-co', payment, { ...context, ...overrides }, null)).toMatchObject({ kind: 'rejected', code });
  });

  it('sends an overpayment as one payment: the invoice balance applied, the rest left unapplied as credit', () => {
    // $400 received on a $350 invoice.
    const decision = decidePayment('pool-co', aPayment({ amountCents: 40000 }), { ...context, invoice: anInvoice({ totalCents: 35000 }) }, null);
    expect(decision).toMatchObject({ kind: 'create', draft: { entity: 'Payment', fields: { totalCents: 40000, invoiceId: '130', appliedCents: 35000 } } });
  });

  it('applies a later payment only to what earlier payments left open', () => {
    const decision = decidePayment('pool-co', aPayment({ id: 'p-2', amountCents: 20000 }), { ...context, otherPayments: [aPayment({ id: 'p-1', amountCents: 10000 })] }, null);
    expect(decision).toMatchObject({ kind: 'create', draft: { fields: { totalCents: 20000, appliedCents: 19998 } } });
    const none = decidePayment('pool-co', aPayment({ id: 'p-2', amountCents: 500 }), { ...context, otherPayments: [aPayment({ id: 'p-1', amountCents: 29998 })] }, null);
    expect(none).toMatchObject({ kind: 'create', draft: { fields: { totalCents: 500, appliedCents: 0 } } });
  });

  it('keeps the fields of a payment applied whole as they always were (no appliedCents)', () => {
    const decision = decidePayment('pool-co', aPayment(), context, null);
    expect(decision.kind === 'create' && 'appliedCents' in decision.draft.fields).toBe(false);
  });

  it('lowers what a paid payment applies when its invoice is edited below it, sending the whole line', () => {
    const link = applied('payment', 'p-1', decidePayment('pool-co', aPayment(), context, null), null);
    const lowered = decidePayment('pool-co', aPayment(), { ...context, invoice: anInvoice({ totalCents: 25000, lines: [] }) }, link);
    expect(lowered).toMatchObject({ kind: 'update', changes: { entity: 'Payment', fields: { invoiceId: '130', totalCents: 29998, appliedCents: 25000 } } });
  });

  it('sends money received on a void invoice as the customer credit: unapplied, with no wait for an invoice that never goes', () => {
    expect(decidePayment('pool-co', aPayment(), { ...context, invoice: anInvoice({ status: 'void' }), invoiceLink: null }, null)).toMatchObject({
      kind: 'create', draft: { fields: { invoiceId: null, totalCents: 29998 } }, dependencies: [{ kind: 'customer', hostId: '17' }],
    });
    expect(decidePayment('pool-co', aPayment(), { ...context, invoice: anInvoice({ status: 'void' }) }, null)).toMatchObject({
      kind: 'create', draft: { fields: { invoiceId: '130', appliedCents: 0 } },
    });
  });

  it('ignores deleted payments when working out what is still owed', () => {
    const decision = decidePayment('pool-co', aPayment(), { ...context, otherPayments: [aPayment({ id: 'p-0', amountCents: 10000, deleted: true })] }, null);
    expect(decision.kind).toBe('create');
  });

  it('keeps the deposit account it was created with when the setting changes', () => {
    const link = applied('payment', 'p-1', decidePayment('pool-co', aPayment(), context, null), null);
    expect(decidePayment('pool-co', aPayment(), { ...context, depositAccountId: '36' }, link).kind).toBe('nothing');
    const edited = decidePayment('pool-co', aPayment({ reference: 'CHK-1002' }), { ...context, depositAccountId: '36' }, link);
    expect(edited).toMatchObject({ kind: 'update', changes: { entity: 'Payment', fields: { paymentRefNum: 'CHK-1002' } } });
    if (edited.kind === 'update') expect(edited.changes.fields).not.toHaveProperty('depositAccountId');
  });

  it('decides nothing once what was decided has been applied', () => {
    const amount = fc.integer({ min: 1, max: 29998 });
    fc.assert(fc.property(amount, amount, fc.option(fc.string({ maxLength: 30 })), (before, after, reference) => {
      const link = applied('payment', 'p-1', decidePayment('t', aPayment({ amountCents: before }), context, null), null);
      const next = aPayment({ amountCents: after, reference });
      const second = decidePayment('t', next, context, link);
      const settled = second.kind === 'update' ? applied('payment', 'p-1', second, link) : link;
      expect(decidePayment('t', next, context, settled).kind).toBe('nothing');
    }));
  });
});
