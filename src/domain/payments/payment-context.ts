/** What `decidePayment` needs to know besides the payment itself. */
import type { HostInvoice, HostPayment } from '../host/host-records';
import type { QboRefundLink } from '../qbo/qbo-records';
import type { Link } from '../sync/link';
import type { SyncDependency } from '../sync/sync-decision';

export interface PaymentContext {
  /** The invoice the payment is applied to; null for an account credit or when the host has no such invoice. */
  readonly invoice: HostInvoice | null;
  /** The invoice's other payments (this one and deleted ones are ignored). */
  readonly otherPayments: readonly HostPayment[];
  readonly customerLink: Link | null;
  readonly invoiceLink: Link | null;
  readonly depositAccountId: string | null;
  /** An account credit's refunds already in QBO as expenses, each with its amount, in the order they were made. */
  readonly refundLinks?: readonly QboRefundLink[];
  readonly missing?: readonly SyncDependency[];
  /** What the host app is called in the memos written to QBO (the `hostAppName` option); absent: a neutral name. */
  readonly hostAppName?: string;
  /** The QBO company's home currency, for money in messages (absent or null: US dollars). */
  readonly currency?: string | null;
}
