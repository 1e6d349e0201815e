/**
 * `decideRefund(tenantId, refund, context, link)`: a refund becomes a QBO RefundReceipt for the payment's customer,
 * paid from the deposit account, with one line on the plugin-managed "Refund" service item. Never more than the
 * payment it refunds. Needs the customer, the payment and the refund item in QBO first. A refund the host removed
 * is deleted in QBO. The deposit account is set on create only, like a payment's.
 */
import type { HostPayment, HostRefund } from '../host/host-records';
import { REFUND_ITEM_HOST_ID } from '../items/refund-item';
import { decideWrite, deleteDecision } from '../sync/decide-write';
import { type NeededRecord, unmetReferences } from '../sync/dependencies';
import type { Link } from '../sync/link';
import { privateNoteMarker } from '../sync/private-note';
import { dollars, isWholeCents, rejected } from '../sync/rejection';
import type { SyncDecision, SyncDependency } from '../sync/sync-decision';

export interface RefundContext {
  /** The payment refunded; null when the host has no such payment. */
  readonly payment: HostPayment | null;
  readonly customerLink: Link | null;
  readonly paymentLink: Link | null;
  /** The link of the plugin-managed "Refund" item (host id `REFUND_ITEM_HOST_ID`). */
  readonly refundItemLink: Link | null;
  readonly depositAccountId: string | null;
  readonly missing?: readonly SyncDependency[];
}

export const decideRefund = (tenantId: string, refund: HostRefund | null, context: RefundContext, link: Link | null): SyncDecision => {
  if (refund === null) {
    if (link !== null && !link.retired) return deleteDecision(tenantId, link, 'RefundReceipt');
    return { kind: 'nothing', reason: 'The refund no longer exists in the host and is not in QBO.' };
  }
  if (link?.retired) return { kind: 'nothing', reason: 'The refund is already deleted in QBO.' };
  const amount = isWholeCents(refund.amountCents) ? dollars(refund.amountCents) : String(refund.amountCents);
  const label = `Refund of ${amount} on ${refund.refundedOn}`;
  if (!isWholeCents(refund.amountCents)) return rejected('not_whole_cents', `${label}: the amount is not a whole number of cents.`);
  if (refund.amountCents < 0) return rejected('negative_amount', `${label}: a refund amount cannot be negative.`);
  if (refund.amountCents === 0) return rejected('zero_amount', `${label}: a refund of $0.00 has nothing to record.`);
  const payment = context.payment;
  if (payment === null || payment.id !== refund.paymentId) {
    return rejected('missing_payment', `${label} refunds payment ${refund.paymentId}, which does not exist in the app.`);
  }
  if (payment.deleted && link === null) return rejected('payment_deleted', `${label} refunds a payment that was deleted in the app.`);
  if (refund.amountCents > payment.amountCents) {
    return rejected('refund_exceeds_payment', `${label} is more than the ${dollars(payment.amountCents)} payment it refunds.`);
  }
  if (link === null && context.depositAccountId === null) {
    return rejected('no_deposit_account', `${label} cannot go to QuickBooks until a deposit account is chosen in the settings.`);
  }
  const needed: readonly NeededRecord[] = [
    { dependency: { kind: 'customer', hostId: payment.customerId }, link: context.customerLink, label: `customer ${payment.customerId}` },
    { dependency: { kind: 'payment', hostId: payment.id }, link: context.paymentLink, label: `payment ${payment.id}` },
    { dependency: { kind: 'item', hostId: REFUND_ITEM_HOST_ID }, link: context.refundItemLink, label: 'the "Refund" item' },
  ];
  const unmet = unmetReferences(needed, context.missing, label);
  if (unmet !== null) return unmet;
  return decideWrite(
    {
      tenantId,
      kind: 'refund',
      hostId: refund.id,
      entity: 'RefundReceipt',
      hostOwned: {
        customerId: context.customerLink?.qboId ?? '',
        txnDate: refund.refundedOn,
        refundItemId: context.refundItemLink?.qboId ?? '',
        amountCents: refund.amountCents,
        privateNote: privateNoteMarker(tenantId, 'refund', refund.id),
      },
      setOnCreate: { depositAccountId: context.depositAccountId },
      dependencies: needed.map((record) => record.dependency),
      upToDate: `QBO already has this version of the refund.`,
    },
    link,
  );
};
