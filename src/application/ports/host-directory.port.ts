import type { HostCatalogItem, HostCustomer, HostCustomerMoney, HostInvoice, HostItemMoney, HostPayment, HostRecordKind, HostRefund } from '../../domain/host/host-records';
import type { HostReadOf } from './host-read';

/** Reads the host's own tables (read-only), through the host-schema mapping. */
export const HostDirectory = Symbol('qbo-sync.HostDirectory');
export interface HostDirectory {
  /** `get*` read an unreadable row as null; delivery uses `read`/`readMany`, which tell it apart from a missing one. */
  getCustomer(tenantId: string, id: string): Promise<HostCustomer | null>;
  getItem(tenantId: string, id: string): Promise<HostCatalogItem | null>;
  getInvoice(tenantId: string, id: string): Promise<HostInvoice | null>;
  getPayment(tenantId: string, id: string): Promise<HostPayment | null>;
  getRefund(tenantId: string, id: string): Promise<HostRefund | null>;
  /** One record, or why it is missing or cannot be read. */
  read<K extends HostRecordKind>(tenantId: string, kind: K, id: string): Promise<HostReadOf<K>>;
  /** Several records of one kind in one go; every asked id has an entry (ids not in the host are `missing`). */
  readMany<K extends HostRecordKind>(tenantId: string, kind: K, ids: readonly string[]): Promise<ReadonlyMap<string, HostReadOf<K>>>;
  /** Live (not deleted) payments applied to the invoice. */
  paymentsForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]>;
  /** Every payment applied to the invoice, deleted ones included (`deleted: true`), in id order. */
  everyPaymentForInvoice(tenantId: string, invoiceId: string): Promise<readonly HostPayment[]>;
  /**
   * Optional: `everyPaymentForInvoice` of several invoices in one go (a delivery round's, ADR 0078); every asked id
   * has an entry. Without it, `everyPaymentForInvoices` below asks for each invoice in turn.
   */
  everyPaymentForInvoices?(tenantId: string, invoiceIds: readonly string[]): Promise<ReadonlyMap<string, readonly HostPayment[]>>;
  /** The refunds of one payment, in id order. */
  refundsOfPayment(tenantId: string, paymentId: string): Promise<readonly HostRefund[]>;
  /** A customer's invoices, payments (deleted included) and their refunds: what its balance and credit are made of. */
  moneyOfCustomer(tenantId: string, customerId: string): Promise<HostCustomerMoney>;
  /** The invoices with a line naming the catalog item, and their payments (deleted included): the money that names it. */
  moneyNamingItem(tenantId: string, itemId: string): Promise<HostItemMoney>;
  /** Account credits: live (not deleted) payments with no invoice, streamed in id order (the pre-flight reads them in one pass). */
  listAccountCredits(tenantId: string): AsyncIterable<HostPayment>;
  /** Every customer / catalog item of the tenant, streamed in id order. */
  listCustomers(tenantId: string): AsyncIterable<HostCustomer>;
  listItems(tenantId: string): AsyncIterable<HostCatalogItem>;
  /**
   * Rows of `kind` of the tenant that exist but cannot be read, each with why, in id order. The host check lists
   * them and the initial sync counts them as failed: a record never read is never silently left out.
   */
  listUnreadable(tenantId: string, kind: HostRecordKind): AsyncIterable<{ readonly id: string; readonly reason: string }>;
  /** Ids of records of `kind` changed at or after `since` (epoch ms), for the sweep. */
  changedSince(tenantId: string, kind: HostRecordKind, since: number): AsyncIterable<string>;
  /** The live (not deleted) payout that carries the payment, or null. */
  payoutOfPayment(tenantId: string, paymentId: string): Promise<string | null>;
  /** Whether any invoice that is not void charges sales tax (the pre-flight compares it with QBO's setting). */
  chargesSalesTax(tenantId: string): Promise<boolean>;
}

/** Every payment of each invoice (deleted included, in id order), by invoice id: in one read when the directory has one. */
export const everyPaymentForInvoices = async (host: HostDirectory, tenantId: string, invoiceIds: readonly string[]): Promise<ReadonlyMap<string, readonly HostPayment[]>> => {
  const wanted = [...new Set(invoiceIds)];
  if (host.everyPaymentForInvoices) return host.everyPaymentForInvoices(tenantId, wanted);
  return new Map(await Promise.all(wanted.map(async (invoiceId) => [invoiceId, await host.everyPaymentForInvoice(tenantId, invoiceId)] as const)));
};
