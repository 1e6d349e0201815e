/**
 * How much of each payment an invoice takes (books parity, docs/accounting/books-parity.md): the invoice's live
 * payments are applied in the order they were recorded (host id order) until its total is used up; what a payment
 * brings beyond that stays unapplied — the customer's credit, as the host shows it. So $400 received on a $350
 * invoice applies 350 and leaves 50 of credit, and an invoice edited below what was paid keeps min(applied, total).
 * QBO's open balance of the invoice is then the host's: total − what is applied, never below zero.
 */
import type { HostPayment } from '../host/host-records';
import type { Link } from '../sync/link';

/** Host ids in the order they were made: numeric ids by value, others as text (UUIDs have no order; any fixed one does). */
export const compareHostIds = (a: string, b: string): number => {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
};

/** Cents of each live payment applied to an invoice of `totalCents`; deleted and non-positive payments apply nothing. */
export const appliedShares = (invoiceId: string, totalCents: number, payments: readonly HostPayment[]): ReadonlyMap<string, number> => {
  const shares = new Map<string, number>();
  let open = Math.max(totalCents, 0);
  const live = payments.filter((payment) => !payment.deleted && payment.invoiceId === invoiceId && payment.amountCents > 0);
  for (const payment of [...live].sort((a, b) => compareHostIds(a.id, b.id))) {
    const share = Math.min(payment.amountCents, open);
    shares.set(payment.id, share);
    open -= share;
  }
  return shares;
};

/** What a payment's link says QBO applies to its invoice now: its line amount, 0 once deleted or unapplied. */
export const pushedApplied = (link: Link | null | undefined): number => (!link || link.retired ? 0 : appliedOf(link.pushed));

/** The invoice line amount of a payment's host-owned fields as pushed (`decidePayment`); 0 without an invoice. */
export const appliedOf = (fields: Readonly<Record<string, unknown>> | null): number => {
  if (fields === null) return 0;
  const pushed = fields as { invoiceId?: unknown; totalCents?: unknown; appliedCents?: unknown };
  if (pushed.invoiceId === null || pushed.invoiceId === undefined) return 0;
  if (typeof pushed.appliedCents === 'number') return pushed.appliedCents;
  return typeof pushed.totalCents === 'number' ? pushed.totalCents : 0;
};
