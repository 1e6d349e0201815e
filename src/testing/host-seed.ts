/**
 * What the HostDirectory/HostWriter contract needs to play the host writing its own tables, in the host's own
 * terms: a host that brings its own adapter implements `HostSeed` over its tables (see `qbo-sync/testing`).
 * Amounts are integer cents; dates are YYYY-MM-DD; every write counts as a change at the seed's clock.
 */
export interface CustomerSeed {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly companyName?: string | null;
  readonly displayAsCompany?: boolean;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly street?: string | null;
  readonly city?: string | null;
  readonly state?: string | null;
  readonly zip?: string | null;
  readonly isActive?: boolean;
}

export interface ItemSeed {
  readonly kind?: 'product' | 'dosage' | 'pool_service' | 'work_order_type';
  readonly name: string;
  readonly description?: string | null;
  readonly unitPriceCents?: number;
  readonly sku?: string | null;
  readonly isActive?: boolean;
}

export interface InvoiceLineSeed {
  readonly catalogItemId?: string | null;
  readonly description?: string;
  readonly quantity?: number;
  readonly unitPriceCents: number;
  /** Whether the line is taxed (false unless asked). */
  readonly taxable?: boolean;
}

/** A sales tax rate the host charges on the taxable lines, e.g. `{ name: 'Tucson 9.1%', percent: 9.1 }`. */
export interface TaxRateSeed {
  readonly name: string;
  readonly percent: number;
}

export interface InvoiceSeed {
  readonly customerId: string;
  readonly number?: string;
  readonly issuedOn?: string;
  readonly dueOn?: string | null;
  readonly status?: 'draft' | 'sent' | 'void';
  readonly lines: readonly InvoiceLineSeed[];
  /** The tax charged on the taxable lines; none unless asked. */
  readonly taxRate?: TaxRateSeed;
}

export interface PaymentSeed {
  readonly customerId: string;
  readonly invoiceId?: string | null;
  readonly amountCents: number;
  readonly method?: string;
  readonly receivedOn?: string;
  readonly reference?: string | null;
}

export interface PayoutSeed {
  /** The payments the processor paid out; the gross is their sum. */
  readonly paymentIds: readonly string[];
  readonly feeCents: number;
  readonly paidOn?: string;
  readonly reference?: string | null;
}

export interface RefundSeed {
  readonly paymentId: string;
  readonly amountCents: number;
  readonly refundedOn?: string;
  readonly reason?: string | null;
}

/** Writes the host's tables as the host application would; each method answers the new row's id (as text). */
export interface HostSeed {
  /** A customer; unset fields take the reference defaults (Maria Lopez, active, no contact details). */
  customer(companyId: string, seed?: CustomerSeed): Promise<string>;
  /** Changes only the given fields and marks the customer changed now. */
  updateCustomer(id: string, changes: CustomerSeed): Promise<void>;
  item(companyId: string, seed: ItemSeed): Promise<string>;
  /** The invoice and its lines; a line's amount is quantity × unit price rounded to the cent, the total their sum plus `invoiceTax`. */
  invoice(companyId: string, seed: InvoiceSeed): Promise<string>;
  payment(companyId: string, seed: PaymentSeed): Promise<string>;
  /** The host deletes (voids) a payment: it reads as deleted from then on. */
  deletePayment(id: string): Promise<void>;
  refund(companyId: string, seed: RefundSeed): Promise<string>;
  /** A processor payout of the payments; gross is their sum, net is gross minus the fee. */
  payout(companyId: string, seed: PayoutSeed): Promise<string>;
  updatePayout(id: string, changes: { readonly paymentIds?: readonly string[]; readonly feeCents?: number }): Promise<void>;
  deletePayout(id: string): Promise<void>;
}

/** The tax on the taxable lines at the rate, rounded half up to the cent in integers (7.25 % → 7250 thousandths). */
export const invoiceTax = (lines: ReadonlyArray<{ readonly amountCents: number; readonly taxable?: boolean }>, rate: TaxRateSeed | undefined): number => {
  if (rate === undefined) return 0;
  const taxable = lines.filter((line) => line.taxable === true).reduce((sum, line) => sum + line.amountCents, 0);
  return Math.floor((taxable * Math.round(rate.percent * 1000) + 50_000) / 100_000);
};
