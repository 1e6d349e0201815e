/**
 * `customerBooks(money)`: a customer's balance as the host shows it, in the terms QBO reports it (books parity,
 * docs/accounting/books-parity.md): what its sent invoices still ask (open A/R) and the credit it holds (what its
 * payments bring beyond their invoices' shares, and account credits, less the refunds of those credits). A refund of
 * an invoice payment reverses the sale and leaves both alone; a void invoice owes nothing (a draft counts as owed,
 * as its payments are applied to its total in QBO too).
 */
import type { HostCustomerMoney } from '../host/host-records';
import { appliedShares } from '../payments/applied-amounts';

export interface CustomerBooks {
  readonly openReceivableCents: number;
  readonly openCreditCents: number;
}

export const customerBooks = (money: HostCustomerMoney): CustomerBooks => {
  const live = money.payments.filter((payment) => !payment.deleted && payment.amountCents > 0);
  let openReceivableCents = 0;
  const applied = new Map<string, number>();
  for (const invoice of money.invoices) {
    const owed = invoice.status === 'void' ? 0 : invoice.totalCents;
    const shares = appliedShares(invoice.id, owed, live);
    let paid = 0;
    for (const [paymentId, share] of shares) {
      applied.set(paymentId, share);
      paid += share;
    }
    openReceivableCents += owed - paid;
  }
  let openCreditCents = 0;
  for (const payment of live) {
    openCreditCents += payment.amountCents - (applied.get(payment.id) ?? 0);
    if (payment.invoiceId !== null) continue;
    // A credit's refunds use it, in order, never beyond it (decideRefund refuses the rest).
    let left = payment.amountCents;
    for (const refund of money.refunds.filter((each) => each.paymentId === payment.id)) {
      const used = Math.min(Math.max(refund.amountCents, 0), left);
      left -= used;
      openCreditCents -= used;
    }
  }
  return { openReceivableCents, openCreditCents };
};

/** Settled: nothing owed and no credit held — the customer's money no longer moves. */
export const isSettled = (books: CustomerBooks): boolean => books.openReceivableCents === 0 && books.openCreditCents === 0;
