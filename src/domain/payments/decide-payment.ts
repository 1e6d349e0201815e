/**
 * `decidePayment(tenantId, payment, context, link)`: a payment on an invoice becomes a QBO Payment applied to that
 * invoice for its share (applied-amounts.ts: at most what the invoice still owes; the rest stays unapplied, the
 * customer's credit, as in an overpayment); an account credit (no invoice) an unapplied Payment whose only lines
 * link the expenses its refunds became (decideRefund), so QBO's open credit is what the host has left. A payment the host deleted is
 * deleted in QBO (its invoice stays, due again). The deposit account is set on create and never moved afterwards,
 * so changing the setting does not rewrite past payments. It needs its customer and invoice in QBO first.
 */
import type { HostPayment } from '../host/host-records';
import { decideWrite, deleteDecision } from '../sync/decide-write';
import { type NeededRecord, unmetReferences } from '../sync/dependencies';
import type { Link } from '../sync/link';
import { DEFAULT_HOST_APP_NAME, privateNoteMarker, privateNoteMemo } from '../sync/private-note';
import { dollars, isWholeCents, rejected } from '../sync/rejection';
import type { QboRefundLink } from '../qbo/qbo-records';
import type { SyncDecision } from '../sync/sync-decision';
import type { PaymentContext } from './payment-context';

export type { PaymentContext };
import { appliedShares } from './applied-amounts';
import { paymentAmountProblem } from './payment-checks';
import { cureFor } from '../sync/setting-cures';


const PAYMENT_REF_MAX = 21;

export const decidePayment = (tenantId: string, payment: HostPayment | null, context: PaymentContext, link: Link | null): SyncDecision => {
  if (payment === null || payment.deleted) {
    if (link !== null && !link.retired) return deleteDecision(tenantId, link, 'Payment');
    return { kind: 'nothing', reason: link === null ? 'The payment was deleted before it reached QBO.' : 'The payment is already deleted in QBO.' };
  }
  if (link?.retired) return { kind: 'nothing', reason: 'The payment is already deleted in QBO.' };
  const label = `Payment of ${isWholeCents(payment.amountCents) ? dollars(payment.amountCents, context.currency ?? null) : payment.amountCents} received ${payment.receivedOn}`;
  const amountProblem = paymentAmountProblem(payment, context, link, label);
  if (amountProblem !== null) return amountProblem;
  if (link === null && context.depositAccountId === null) {
    return rejected('no_deposit_account', `${label} cannot go to QuickBooks ${cureFor('no_deposit_account').words}; it is then sent by itself.`);
  }
  const needed: NeededRecord[] = [{ dependency: { kind: 'customer', hostId: payment.customerId }, link: context.customerLink, label: `customer ${payment.customerId}` }];
  // Money received on an invoice voided before it reached QBO: the invoice never goes, so the payment is the
  // customer's credit there, as in the host (it applies nothing to a void invoice).
  const voidUnsent = context.invoice?.status === 'void' && context.invoiceLink === null;
  if (payment.invoiceId !== null && !voidUnsent) {
    needed.push({ dependency: { kind: 'invoice', hostId: payment.invoiceId }, link: context.invoiceLink, label: `invoice ${context.invoice?.number ?? payment.invoiceId}` });
  }
  const unmet = unmetReferences(needed, context.missing, label);
  if (unmet !== null) return unmet;
  const appliedCents = appliedCentsOf(payment, context);
  const refundLinks = payment.invoiceId === null ? linkableRefunds(payment.amountCents, context.refundLinks ?? []) : [];
  const marker = privateNoteMarker(tenantId, 'payment', payment.id);
  const memo = privateNoteMemo(paymentMemoWords(payment, context), context.hostAppName ?? DEFAULT_HOST_APP_NAME, marker);
  const decision = decideWrite(
    {
      tenantId,
      kind: 'payment',
      hostId: payment.id,
      entity: 'Payment',
      hostOwned: {
        customerId: context.customerLink?.qboId ?? '',
        totalCents: payment.amountCents,
        txnDate: payment.receivedOn,
        invoiceId: payment.invoiceId === null || voidUnsent ? null : (context.invoiceLink?.qboId ?? null),
        // Only when it differs from the total, so payments applied whole keep the fingerprint they always had.
        ...(appliedCents === payment.amountCents || voidUnsent ? {} : { appliedCents }),
        // A credit's refunds linked by lines of its own (QBO's way to use a credit for a refund); absent when none.
        ...(refundLinks.length === 0 ? {} : { refundLinks }),
        paymentRefNum: payment.reference?.trim().slice(0, PAYMENT_REF_MAX) || null,
        privateNote: marker,
      },
      // The memo in words is written once: a bookkeeper's additions in QBO are kept (ADR 0092).
      setOnCreate: { depositAccountId: context.depositAccountId, privateNote: memo },
      dependencies: needed.map((record) => record.dependency),
      upToDate: `QBO already has this version of the ${label.charAt(0).toLowerCase()}${label.slice(1)}.`,
    },
    link,
  );
  if (decision.kind !== 'update') return decision;
  // QBO replaces a payment's lines all at once: any update carries the whole application (invoice, total, share),
  // so a changed total or share is never sent without the line that must follow it.
  const owned = decision.pushed as { invoiceId: string | null; totalCents: number; appliedCents?: number; refundLinks?: readonly QboRefundLink[] };
  const line = {
    invoiceId: owned.invoiceId,
    totalCents: owned.totalCents,
    ...(owned.appliedCents === undefined ? {} : { appliedCents: owned.appliedCents }),
    ...(owned.refundLinks === undefined ? {} : { refundLinks: owned.refundLinks }),
  };
  return { ...decision, changes: { entity: 'Payment', fields: { ...decision.changes.fields, ...line } } };
};

/** The payment as the host shows it, without its amount (QBO shows that beside the memo, in the company's currency). */
const paymentMemoWords = (payment: HostPayment, context: PaymentContext): string => {
  if (payment.invoiceId === null) return `Account credit received ${payment.receivedOn}`;
  const number = context.invoice?.number.trim();
  return `Payment received ${payment.receivedOn} for invoice ${number || payment.invoiceId}`;
};

/** The refund lines a credit of `totalCents` can carry: in order, each at most what the credit still has. */
const linkableRefunds = (totalCents: number, links: readonly QboRefundLink[]): QboRefundLink[] => {
  let left = totalCents;
  return links.flatMap((link) => {
    const amountCents = Math.min(link.amountCents, left);
    left -= amountCents;
    return amountCents > 0 ? [{ purchaseId: link.purchaseId, amountCents }] : [];
  });
};

/** The payment's share of its invoice: the invoice's live payments in order, this one as it is now; a void invoice takes nothing. */
const appliedCentsOf = (payment: HostPayment, context: PaymentContext): number => {
  if (payment.invoiceId === null || context.invoice === null) return payment.amountCents;
  const total = context.invoice.status === 'void' ? 0 : context.invoice.totalCents;
  const siblings = context.otherPayments.filter((other) => other.id !== payment.id);
  return appliedShares(payment.invoiceId, total, [...siblings, payment]).get(payment.id) ?? 0;
};
