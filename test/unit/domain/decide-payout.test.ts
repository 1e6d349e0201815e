import fc from 'fast-check';
import type { HostPayment, HostPayout } from '../../../src/domain/host/host-records';
import { decidePayout, type PayoutContext } from '../../../src/domain/payouts/decide-payout';
import type { Link } from '../../../src/domain/sync/link';
import { aPayment } from '../../support/domain/host-records.builder';
import { aLink, applied } from '../../support/domain/link.builder';

const payments = (amounts: readonly number[]): HostPayment[] => amounts.map((amountCents, i) => aPayment({ id: `p-${i}`, invoiceId: null, amountCents }));
const payoutOf = (list: readonly HostPayment[], feeCents: number, overrides: Partial<HostPayout> = {}): HostPayout => {
  const gross = list.reduce((sum, payment) => sum + payment.amountCents, 0);
  return { id: 'po-1', paidOn: '2026-06-05', grossCents: gross, feeCents, netCents: gross - feeCents, reference: 'po_3Jk', paymentIds: list.map((payment) => payment.id), deleted: false, ...overrides };
};
const contextOf = (list: readonly HostPayment[], overrides: Partial<PayoutContext> = {}): PayoutContext => ({
  payments: new Map(list.map((payment) => [payment.id, payment])),
  paymentLinks: new Map(list.map((payment, i) => [payment.id, aLink('payment', payment.id, 'Payment', `${40 + i}`)])),
  payoutAccountId: '35',
  payoutFeeAccountId: '91',
  ...overrides,
});

describe('decidePayout', () => {
  it('one deposit into the payout account: a line per payment (its QBO id, its whole amount), the fee, total = net', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 100 }), (amounts, feePercent) => {
      const list = payments(amounts);
      const gross = amounts.reduce((sum, cents) => sum + cents, 0);
      const payout = payoutOf(list, Math.floor((gross * feePercent) / 1000));
      const decision = decidePayout('pool-co', payout, contextOf(list), null);
      if (decision.kind !== 'create' || decision.draft.entity !== 'Deposit') throw new Error(`expected a create, got ${decision.kind}`);
      const fields = decision.draft.fields;
      expect(fields.payments).toEqual(list.map((payment, i) => ({ paymentId: `${40 + i}`, amountCents: payment.amountCents })));
      expect(fields.payments.reduce((sum, line) => sum + line.amountCents, 0) - fields.feeCents).toBe(payout.netCents);
      expect(fields).toMatchObject({ depositAccountId: '35', feeAccountId: '91', txnDate: '2026-06-05' });
      const count = list.length === 1 ? '1 payment' : `${list.length} payments`;
      expect(fields.privateNote).toBe(`Processor payout of 2026-06-05 (po_3Jk), ${count}, from the business app. Sync reference: qbo-sync:pool-co:payout:po-1`);
      expect(decision.dependencies).toEqual(list.map((payment) => ({ kind: 'payment', hostId: payment.id })));
    }));
  });

  it('sends nothing while payouts are off, and waits for payments not yet in QBO', () => {
    const list = payments([10_000, 5_550]);
    expect(decidePayout('pool-co', payoutOf(list, 512), contextOf(list, { payoutAccountId: null }), null)).toEqual({
      kind: 'nothing', reason: 'Payout of $150.38 on 2026-06-05 (po_3Jk) is not sent: payouts are not synced (no payout account is chosen in the settings).',
    });
    const oneMissing = contextOf(list, { paymentLinks: new Map([['p-0', aLink('payment', 'p-0', 'Payment', '40')]]) });
    expect(decidePayout('pool-co', payoutOf(list, 512), oneMissing, null)).toEqual({ kind: 'awaiting', dependencies: [{ kind: 'payment', hostId: 'p-1' }] });
  });

  it('refuses numbers that would not match the bank line, and a fee with no fee account', () => {
    const list = payments([10_000, 5_550]);
    expect(decidePayout('pool-co', payoutOf(list, 512, { netCents: 15_000 }), contextOf(list), null)).toMatchObject({
      kind: 'rejected', code: 'payout_mismatch', reason: expect.stringContaining('its payments add up to $155.50 and its fee is $5.12, which makes $150.38'),
    });
    expect(decidePayout('pool-co', payoutOf(list, 512), contextOf(list, { payoutFeeAccountId: null }), null)).toMatchObject({ kind: 'rejected', code: 'no_payout_accounts' });
    expect(decidePayout('pool-co', payoutOf(list, 512, { paymentIds: ['p-0', 'p-9'] }), { ...contextOf(list), payments: new Map([['p-0', list[0]!], ['p-9', null]]) }, null)).toMatchObject({ kind: 'rejected', code: 'missing_payment' });
  });

  it('updates the deposit\'s lines together with the fee account when the payout changes; deletes it when the payout goes', () => {
    const list = payments([10_000, 5_550, 2_000]);
    const created = decidePayout('pool-co', payoutOf(list, 512), contextOf(list), null);
    const link = applied('payout', 'po-1', created, null) as Link;
    expect(decidePayout('pool-co', payoutOf(list, 512), contextOf(list), link).kind).toBe('nothing');
    expect(decidePayout('pool-co', payoutOf(list, 500), contextOf(list), link)).toMatchObject({
      kind: 'update', changes: { entity: 'Deposit', fields: { feeCents: 500, feeAccountId: '91', payments: expect.any(Array) } },
    });
    expect(decidePayout('pool-co', payoutOf(list, 512, { deleted: true }), contextOf(list), link)).toMatchObject({ kind: 'delete', entity: 'Deposit', ref: { id: link.qboId } });
  });

  it('leaves a synced deposit as it is while it still lists a payment the host deleted, and says what to do', () => {
    const list = payments([10_000, 5_550]);
    const link = applied('payout', 'po-1', decidePayout('pool-co', payoutOf(list, 512), contextOf(list), null), null) as Link;
    const deleted = [list[0]!, { ...list[1]!, deleted: true }];
    expect(decidePayout('pool-co', payoutOf(list, 512), contextOf(deleted), link)).toMatchObject({
      kind: 'rejected', code: 'payout_payment_deleted', reason: expect.stringContaining('The QuickBooks deposit is left as it is (it still matches the bank line)'),
    });
  });
});
