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
      draft: { entity: 'RefundReceipt', fields: { customerId: '58', txnDate: '2026-06-10', depositAccountId: '35', refundItemId: '38', amountCents: 5000, privateNote: 'qbo-sync:pool-co:refund:r-1' } },
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
