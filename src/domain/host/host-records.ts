/**
 * Host records as the plugin reads them (DESIGN.md §4), whatever the host's own table and column names.
 * Ids are strings so any host key type fits; money is integer cents; dates are ISO `YYYY-MM-DD`.
 */
export type HostRecordKind = 'customer' | 'item' | 'invoice' | 'payment' | 'refund' | 'payout';

export interface HostCustomer {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly companyName: string | null;
  readonly displayAsCompany: boolean;
  readonly email: string | null;
  readonly phone: string | null;
  readonly street: string | null;
  readonly city: string | null;
  readonly state: string | null;
  readonly zip: string | null;
  readonly isActive: boolean;
}

export type CatalogItemKind = 'product' | 'dosage' | 'pool_service' | 'work_order_type';

export interface HostCatalogItem {
  readonly id: string;
  readonly kind: CatalogItemKind;
  readonly name: string;
  readonly description: string | null;
  readonly unitPriceCents: number;
  readonly sku: string | null;
  readonly isActive: boolean;
}

export type HostInvoiceStatus = 'draft' | 'sent' | 'void';

export interface HostInvoiceLine {
  readonly id: string;
  readonly catalogItemId: string | null;
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
  readonly amountCents: number;
  /** Whether the host charged sales tax on this line. */
  readonly taxable: boolean;
}

export interface HostInvoice {
  readonly id: string;
  readonly customerId: string;
  readonly number: string;
  readonly issuedOn: string;
  readonly dueOn: string | null;
  readonly status: HostInvoiceStatus;
  /** The lines plus the tax. */
  readonly totalCents: number;
  /** Sales tax billed on the invoice as the host computed it; 0 when untaxed. */
  readonly taxCents: number;
  /** The host's name for the rate it charged (e.g. "Tucson 9.1%"), for people; null when untaxed or not recorded. */
  readonly taxRateName: string | null;
  readonly lines: readonly HostInvoiceLine[];
}

export interface HostPayment {
  readonly id: string;
  readonly customerId: string;
  /** null: an account credit. */
  readonly invoiceId: string | null;
  readonly amountCents: number;
  readonly method: string;
  readonly receivedOn: string;
  readonly reference: string | null;
  /** Set when the host deleted the payment (soft delete). */
  readonly deleted: boolean;
}

export interface HostRefund {
  readonly id: string;
  readonly paymentId: string;
  readonly amountCents: number;
  readonly refundedOn: string;
  readonly reason: string | null;
}

/**
 * A card processor's payout: the payments it collected, paid into the bank in one transfer less its fee
 * (`netCents` = `grossCents` − `feeCents`).
 */
export interface HostPayout {
  readonly id: string;
  readonly paidOn: string;
  readonly grossCents: number;
  readonly feeCents: number;
  readonly netCents: number;
  readonly reference: string | null;
  /** Ids of the payments the payout carries, in id order. */
  readonly paymentIds: readonly string[];
  /** Set when the host deleted the payout (soft delete). */
  readonly deleted: boolean;
}

/**
 * Everything a customer's money is made of in the host: its invoices (every status), its payments (deleted ones
 * included, marked) and the refunds of those payments, each in id order. Rows that cannot be read are not guessed:
 * their reasons are in `unreadable`, and a balance computed without them would be wrong.
 */
export interface HostCustomerMoney {
  readonly customerId: string;
  readonly invoices: readonly HostInvoice[];
  readonly payments: readonly HostPayment[];
  readonly refunds: readonly HostRefund[];
  readonly unreadable: readonly string[];
}

/**
 * The money that names a catalog item in the host: the invoices (every status) with a line naming it, and the
 * payments of those invoices (deleted ones included, marked), each in id order. Rows that cannot be read are named
 * in `unreadable`.
 */
export interface HostItemMoney {
  readonly itemId: string;
  readonly invoices: readonly HostInvoice[];
  readonly payments: readonly HostPayment[];
  readonly unreadable: readonly string[];
}

/** The record each host kind reads as. */
export interface HostRecordOfKind {
  readonly customer: HostCustomer;
  readonly item: HostCatalogItem;
  readonly invoice: HostInvoice;
  readonly payment: HostPayment;
  readonly refund: HostRefund;
  readonly payout: HostPayout;
}
