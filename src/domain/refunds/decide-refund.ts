/**
 * `decideRefund(tenantId, refund, context, link)`: what QBO must hold for a host refund (docs/accounting/books-parity.md).
 * - A refund of an invoice payment reverses the sale: a RefundReceipt for the payment's customer, paid from the
 *   deposit account, one line on the plugin-managed "Refund" service item. Never more than the payment it refunds.
 * - A refund of an account credit (a payment with no invoice) uses the credit, as QBO documents refunding a
 *   customer's credit balance: an Expense (`Purchase`) paid to the customer from the deposit account, its line on
 *   Accounts Receivable; the credit's payment then links it (decidePayment's `refundLinks`), so the open credit drops
 *   and income never moves. The credit's refunds together never exceed it.
 * A record keeps the form it reached QBO in (a credit refund an older version sent as a RefundReceipt stays one).
 * A refund the host removed is deleted in QBO. The deposit account is set on create only, like a payment's.
 */
import type { HostPayment, HostRefund } from '../host/host-records';
import { REFUND_ITEM_HOST_ID } from '../items/refund-item';
import { compareHostIds } from '../payments/applied-amounts';
import { decideWrite, deleteDecision } from '../sync/decide-write';
import { type NeededRecord, unmetReferences } from '../sync/dependencies';
import type { Link } from '../sync/link';
import { DEFAULT_HOST_APP_NAME, privateNoteMarker, privateNoteMemo } from '../sync/private-note';
import { dollars, isWholeCents, rejected } from '../sync/rejection';
import type { SyncDecision, SyncDependency } from '../sync/sync-decision';
import { cureFor } from '../sync/setting-cures';

export interface RefundContext {
  /** The payment refunded; null when the host has no such payment. */
  readonly payment: HostPayment | null;
  readonly customerLink: Link | null;
  readonly paymentLink: Link | null;
  /** The link of the plugin-managed "Refund" item (host id `REFUND_ITEM_HOST_ID`). */
  readonly refundItemLink: Link | null;
  readonly depositAccountId: string | null;
  /** Every refund of the same payment (this one included or not), for a credit's running total. */
  readonly otherRefunds?: readonly HostRefund[];
  /** QBO's Accounts Receivable account, for a credit refund's line; null when QBO has none active. */
  readonly receivableAccountId?: string | null;
  /**
   * The refunded payment is in a payout already deposited in QBO. A credit refund links its expense through the
   * credit's Payment, and QBO refuses to change a deposited payment (6540), so a new credit refund waits until the
   * payment leaves the deposit (docs/accounting/books-parity.md).
   */
  readonly paymentDeposited?: boolean;
  readonly missing?: readonly SyncDependency[];
  /** What the host app is called in the memos written to QBO (the `hostAppName` option); absent: a neutral name. */
  readonly hostAppName?: string;
  /** The QBO company's home currency, for money in messages (absent or null: US dollars). */
  readonly currency?: string | null;
}

/** How a refund is represented in QBO: by the link once it is there, else by what it refunds. */
export const refundEntity = (payment: HostPayment | null, link: Link | null): 'RefundReceipt' | 'Purchase' =>
  link !== null ? (link.qboEntity === 'Purchase' ? 'Purchase' : 'RefundReceipt') : payment !== null && payment.invoiceId === null ? 'Purchase' : 'RefundReceipt';

export const decideRefund = (tenantId: string, refund: HostRefund | null, context: RefundContext, link: Link | null): SyncDecision => {
  if (refund === null) {
    if (link !== null && !link.retired) return deleteDecision(tenantId, link, refundEntity(null, link));
    return { kind: 'nothing', reason: 'The refund no longer exists in the host and is not in QBO.' };
  }
  if (link?.retired) return { kind: 'nothing', reason: 'The refund is already deleted in QBO.' };
  const amount = isWholeCents(refund.amountCents) ? dollars(refund.amountCents, context.currency ?? null) : String(refund.amountCents);
  const label = `Refund of ${amount} on ${refund.refundedOn}`;
  if (!isWholeCents(refund.amountCents)) return rejected('not_whole_cents', `${label}: the amount is not a whole number of cents.`);
  if (refund.amountCents < 0) return rejected('negative_amount', `${label}: a refund amount cannot be negative.`);
  if (refund.amountCents === 0) return rejected('zero_amount', `${label}: a refund of ${dollars(0, context.currency ?? null)} has nothing to record.`);
  const payment = context.payment;
  if (payment === null || payment.id !== refund.paymentId) {
    return rejected('missing_payment', `${label} refunds payment ${refund.paymentId}, which does not exist in the app.`);
  }
  if (payment.deleted && link === null) return rejected('payment_deleted', `${label} refunds a payment that was deleted in the app.`);
  if (refund.amountCents > payment.amountCents) {
    return rejected('refund_exceeds_payment', `${label} is more than the ${dollars(payment.amountCents, context.currency ?? null)} payment it refunds.`);
  }
  if (link === null && context.depositAccountId === null) {
    return rejected('no_deposit_account', `${label} cannot go to QuickBooks ${cureFor('no_deposit_account').words}; it is then sent by itself.`);
  }
  if (link === null && context.paymentDeposited === true && refundEntity(payment, link) === 'Purchase') {
    return rejected(
      'refund_of_deposited_payment',
      `${label} refunds a customer credit (the payment of ${dollars(payment.amountCents, context.currency ?? null)} received ${payment.receivedOn}) that a payout already deposited in QuickBooks. Recording the refund there links it to that payment, and QuickBooks does not let a deposited payment change (error 6540), so it waits. If the processor did not pay that payment out, take it out of the payout in the app: the deposit is updated and the refund then sent by itself. If it did, record the refund in QuickBooks by hand (an expense to the customer, its line on Accounts Receivable) and dismiss this entry.`,
    );
  }
  return refundEntity(payment, link) === 'Purchase' ? creditRefund(tenantId, refund, payment, context, link, label) : saleRefund(tenantId, refund, payment, context, link, label);
};

/** The memo a refund is created with (ADR 0092): the refund and what it refunds, by date as the host shows them. */
const refundMemo = (tenantId: string, refund: HostRefund, payment: HostPayment, context: RefundContext): string =>
  privateNoteMemo(
    `Refund of ${refund.refundedOn} of the ${payment.invoiceId === null ? 'account credit' : 'payment'} received ${payment.receivedOn}`,
    context.hostAppName ?? DEFAULT_HOST_APP_NAME,
    privateNoteMarker(tenantId, 'refund', refund.id),
  );

const saleRefund = (tenantId: string, refund: HostRefund, payment: HostPayment, context: RefundContext, link: Link | null, label: string): SyncDecision => {
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
      setOnCreate: { depositAccountId: context.depositAccountId, privateNote: refundMemo(tenantId, refund, payment, context) },
      dependencies: needed.map((record) => record.dependency),
      upToDate: `QBO already has this version of the refund.`,
    },
    link,
  );
};

const creditRefund = (tenantId: string, refund: HostRefund, payment: HostPayment, context: RefundContext, link: Link | null, label: string): SyncDecision => {
  // The credit's refunds in the order they were made: this one may use only what the earlier ones left.
  const earlier = (context.otherRefunds ?? []).filter((other) => other.id !== refund.id && compareHostIds(other.id, refund.id) < 0);
  const left = payment.amountCents - earlier.reduce((sum, other) => sum + other.amountCents, 0);
  if (refund.amountCents > left) {
    return rejected('refund_exceeds_payment', `${label} is more than the ${dollars(Math.max(left, 0), context.currency ?? null)} left of the ${dollars(payment.amountCents, context.currency ?? null)} credit it refunds; lower the refund or the earlier refunds of that credit.`);
  }
  if (context.receivableAccountId === null || context.receivableAccountId === undefined) {
    return rejected('no_receivable_account', `${label} refunds an account credit, which QuickBooks records against Accounts Receivable, but the QuickBooks company has no active Accounts Receivable account; make one active in QuickBooks (Chart of accounts) and the refund is sent by itself.`);
  }
  const needed: readonly NeededRecord[] = [{ dependency: { kind: 'customer', hostId: payment.customerId }, link: context.customerLink, label: `customer ${payment.customerId}` }];
  const unmet = unmetReferences(needed, context.missing, label);
  if (unmet !== null) return unmet;
  const decision = decideWrite(
    {
      tenantId,
      kind: 'refund',
      hostId: refund.id,
      entity: 'Purchase',
      hostOwned: {
        customerId: context.customerLink?.qboId ?? '',
        txnDate: refund.refundedOn,
        receivableAccountId: context.receivableAccountId,
        amountCents: refund.amountCents,
        privateNote: privateNoteMarker(tenantId, 'refund', refund.id),
      },
      setOnCreate: { paidFromAccountId: context.depositAccountId, privateNote: refundMemo(tenantId, refund, payment, context) },
      dependencies: needed.map((record) => record.dependency),
      upToDate: `QBO already has this version of the refund.`,
    },
    link,
  );
  // The expense's one line carries the amount and the A/R account together: an update sends both or neither.
  if (decision.kind !== 'update') return decision;
  const line = { amountCents: refund.amountCents, receivableAccountId: context.receivableAccountId };
  return { ...decision, changes: { entity: 'Purchase', fields: { ...decision.changes.fields, ...line } } };
};
