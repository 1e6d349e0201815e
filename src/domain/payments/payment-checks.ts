/**
 * `paymentAmountProblem(...)`: why a payment's amount cannot go to QBO, or null. Whole positive cents, on a live
 * invoice of the same customer. More than the invoice still owes is fine: the rest is the customer's credit
 * (applied-amounts.ts); so is money received on a void invoice, which applies nothing (books parity).
 */
import type { HostPayment } from '../host/host-records';
import type { Link } from '../sync/link';
import { dollars, isWholeCents, rejected, type Rejection } from '../sync/rejection';
import type { PaymentContext } from './payment-context';

export const paymentAmountProblem = (payment: HostPayment, context: PaymentContext, link: Link | null, label: string): Rejection | null => {
  if (!isWholeCents(payment.amountCents)) return rejected('not_whole_cents', `${label}: the amount is not a whole number of cents.`);
  if (payment.amountCents < 0) return rejected('negative_amount', `${label}: a payment cannot be negative; record a refund instead.`);
  if (payment.amountCents === 0) return rejected('zero_amount', `${label}: a payment of ${dollars(0, context.currency ?? null)} has nothing to record.`);
  if (payment.invoiceId === null) return null;
  const invoice = context.invoice;
  if (invoice === null || invoice.id !== payment.invoiceId) {
    return rejected('missing_invoice', `${label} is applied to invoice ${payment.invoiceId}, which does not exist in the app.`);
  }
  if (invoice.customerId !== payment.customerId) {
    return rejected('customer_mismatch', `${label} is from customer ${payment.customerId} but invoice ${invoice.number} belongs to customer ${invoice.customerId}.`);
  }
  return null;
};
