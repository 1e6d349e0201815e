import fc from 'fast-check';
import { decideRefund, type RefundContext } from '../../../src/domain/refunds/decide-refund';
import { aPayment, aRefund } from '../../support/domain/host-records.builder';
import { aLink, applied } from '../../support/domain/link.builder';

const context: RefundContext = {
  payment: aPayment(),
  customerLink: aLink('customer', '17', 'Customer', '58'),
  paymentLink: aLink('payment', 'p-1', 'Payment', '140'),
  refundItemLink: aLink('item', 'qbo-sync:refund', 'Item', '38'),
  depositAccountId: '35',
};

describe('decideRefund', () => {
  it('creates a refund receipt for the customer, from the deposit account, on the Refund item', () => {
    expect(decideRefund('pool-co', aRefund(), context, null)).toMatchObject({
      kind: 'create',
      draft: { entity: 'RefundReceipt', fields: { customerId: '58', txnDate: '2026-06-10', depositAccountId: '35', refundItemId: '38', amountCents: 5000, privateNote: 'Refund of 2026-06-10 of the payment received 2026-06-03, from the business app. Sync reference: qbo-sync:pool-co:refund:r-1' } },
      dependencies: [{ kind: 'customer', hostId: '17' }, { kind: 'payment', hostId: 'p-1' }, { kind: 'item', hostId: 'qbo-sync:refund' }],
    });
  });

  it('waits for its payment and the Refund item', () => {
    expect(decideRefund('pool-co', aRefund(), { ...context, paymentLink: null, refundItemLink: null }, null)).toEqual({
      kind: 'awaiting', dependencies: [{ kind: 'payment', hostId: 'p-1' }, { kind: 'item', hostId: 'qbo-sync:refund' }],
    });
  });

  it.each([
    ['refund_exceeds_payment', aRefund({ amountCents: 30000 }), {}],
    ['negative_amount', aRefund({ amountCents: -1 }), {}],
    ['missing_payment', aRefund(), { payment: null }],
    ['payment_deleted', aRefund(), { payment: aPayment({ deleted: true }) }],
    ['no_deposit_account', aRefund(), { depositAccountId: null }],
  ] as const)('rejects with %s', (code, refund, overrides) => {
    expect(decideRefund('pool-co', refund, { ...context, ...overrides }, null)).toMatchObject({ kind: 'rejected', code });
  });

  describe('a refund of an account credit', () => {
    const credit = aPayment({ invoiceId: null, amountCents: 5000 });
    const creditContext: RefundContext = { ...context, payment: credit, refundItemLink: null, receivableAccountId: '84', otherRefunds: [] };

    it('is an expense to the customer from the deposit account, on A/R, needing only the customer', () => {
      expect(decideRefund('pool-co', aRefund({ amountCents: 2000 }), creditContext, null)).toMatchObject({
        kind: 'create',
        draft: { entity: 'Purchase', fields: { customerId: '58', txnDate: '2026-06-10', paidFromAccountId: '35', receivableAccountId: '84', amountCents: 2000, privateNote: 'Refund of 2026-06-10 of the account credit received 2026-06-03, from the business app. Sync reference: qbo-sync:pool-co:refund:r-1' } },
        dependencies: [{ kind: 'customer', hostId: '17' }],
      });
    });

    it('never refunds more than the credit its earlier refunds left, and says so', () => {
      const decision = decideRefund('pool-co', aRefund({ id: 'r-2', amountCents: 3500 }), { ...creditContext, otherRefunds: [aRefund({ id: 'r-1', amountCents: 2000 })] }, null);
      expect(decision).toMatchObject({ kind: 'rejected', code: 'refund_exceeds_payment', reason: expect.stringContaining('more than the $30.00 left of the $50.00 credit') });
    });

    it('needs an Accounts Receivable account in QBO, and says what to do', () => {
      expect(decideRefund('pool-co', aRefund({ amountCents: 2000 }), { ...creditContext, receivableAccountId: null }, null)).toMatchObject({ kind: 'rejected', code: 'no_receivable_account', reason: expect.stringContaining('make one active in QuickBooks') });
    });

    it('sends the amount with its A/R account when the amount changes, and keeps the RefundReceipt an older version made', () => {
      const link = applied('refund', 'r-1', decideRefund('pool-co', aRefund({ amountCents: 2000 }), creditContext, null), null);
      expect(decideRefund('pool-co', aRefund({ amountCents: 2500 }), creditContext, link)).toMatchObject({ kind: 'update', changes: { entity: 'Purchase', fields: { amountCents: 2500, receivableAccountId: '84' } } });
      const old = applied('refund', 'r-1', decideRefund('pool-co', aRefund({ amountCents: 2000 }), context, null), null);
      expect(decideRefund('pool-co', aRefund({ amountCents: 2000 }), { ...creditContext, refundItemLink: context.refundItemLink }, old).kind).toBe('nothing');
      expect(decideRefund('pool-co', null, creditContext, link)).toMatchObject({ kind: 'delete', entity: 'Purchase' });
    });
  });

  it('updates a changed amount and deletes a refund the host removed', () => {
    const link = applied('refund', 'r-1', decideRefund('pool-co', aRefund(), context, null), null);
    expect(decideRefund('pool-co', aRefund({ amountCents: 4000 }), context, link)).toMatchObject({ kind: 'update', changes: { fields: { amountCents: 4000 } } });
    expect(decideRefund('pool-co', null, context, link)).toMatchObject({ kind: 'delete', entity: 'RefundReceipt' });
    expect(decideRefund('pool-co', aRefund(), context, link).kind).toBe('nothing');
  });
});

describe('decideRefund, applied', () => {
  it('decides nothing once what was decided has been applied', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 29998 }), fc.integer({ min: 1, max: 29998 }), fc.constantFrom('2026-06-10', '2026-06-11'), (before, after, day) => {
      const link = applied('refund', 'r-1', decideRefund('t', aRefund({ amountCents: before }), context, null), null);
      const next = aRefund({ amountCents: after, refundedOn: day });
      const second = decideRefund('t', next, context, link);
      const settled = second.kind === 'update' ? applied('refund', 'r-1', second, link) : link;
      expect(decideRefund('t', next, context, settled).kind).toBe('nothing');
    }));
  });
});
