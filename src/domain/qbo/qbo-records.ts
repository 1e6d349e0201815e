/**
 * What the plugin writes to and reads from QuickBooks Online, in the domain's terms: money in integer cents,
 * references as QBO ids. The QBO adapter alone turns these into QBO JSON (decimal amounts, `{ value }` refs).
 */
export type QboWritableEntity = 'Customer' | 'Item' | 'Invoice' | 'Payment' | 'RefundReceipt' | 'Deposit' | 'Purchase';
export type QboReadableEntity = QboWritableEntity | 'Vendor' | 'Employee' | 'Account' | 'TaxCode';
export type QboNamedEntity = 'Customer' | 'Item' | 'Vendor' | 'Employee';
export type QboTransactionEntity = 'Invoice' | 'Payment' | 'RefundReceipt' | 'Deposit' | 'Purchase';

/** How the company charges sales tax (Preferences.TaxPrefs): automated (US AST), manual codes and rates, or not at all. */
export type QboSalesTaxMode = 'automated' | 'manual' | 'off';

export interface QboRef {
  readonly id: string;
  readonly syncToken: string;
}

export interface QboAddress {
  readonly line1: string | null;
  readonly city: string | null;
  readonly region: string | null;
  readonly postalCode: string | null;
}

export interface QboCustomerFields {
  readonly displayName: string;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly companyName: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly billAddr: QboAddress | null;
  readonly active: boolean;
}

export type QboItemType = 'Service' | 'NonInventory' | 'Inventory';

export interface QboItemFields {
  readonly name: string;
  readonly type: QboItemType;
  readonly description: string | null;
  readonly unitPriceCents: number;
  readonly sku: string | null;
  readonly active: boolean;
  /** Set only when the item is created; QBO owns it afterwards (DESIGN.md §3 invariant 4). */
  readonly incomeAccountId?: string;
}

export interface QboInvoiceLine {
  /** null: a description-only line. */
  readonly itemId: string | null;
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
  readonly amountCents: number;
  /** TaxCodeRef TAX when true, NON otherwise (a US line is one or the other); absent on untaxed lines. */
  readonly taxable?: boolean;
}

export interface QboInvoiceFields {
  readonly customerId: string;
  readonly docNumber: string | null;
  readonly txnDate: string;
  readonly dueDate: string | null;
  readonly lines: readonly QboInvoiceLine[];
  /** Marker that lets an uncertain write be found again (`qbo-sync:<tenant>:<kind>:<hostId>`). */
  readonly privateNote: string;
  /**
   * The sales tax as the host billed it (TxnTaxDetail.TotalTax); absent on an invoice that never charged tax, 0 on one
   * that no longer does. Sent with `taxCodeId` and the lines, so QBO never recomputes it.
   */
  readonly taxCents?: number;
  /** TxnTaxDetail.TxnTaxCodeRef: the chosen tax code; sent with every tax amount, never fingerprinted. */
  readonly taxCodeId?: string;
}

export interface QboPaymentFields {
  readonly customerId: string;
  readonly totalCents: number;
  readonly txnDate: string;
  readonly depositAccountId: string;
  /** null: an unapplied payment (an account credit). */
  readonly invoiceId: string | null;
  /**
   * Cents of the payment applied to the invoice, only when less than `totalCents` (an overpayment, or an invoice
   * paid by earlier payments or edited below what was paid): the rest stays unapplied, the customer's credit.
   * Absent: the whole payment is applied.
   */
  readonly appliedCents?: number;
  /**
   * An account credit's refunds, each a Purchase (Expense) linked by a line of the credit's payment: the link is
   * what makes QBO count the refunded part of the credit as used. Absent when none.
   */
  readonly refundLinks?: readonly QboRefundLink[];
  readonly paymentRefNum: string | null;
  readonly privateNote: string;
}

/** One line of a credit's payment linking a refund expense (`TxnType: "Expense"`). */
export interface QboRefundLink {
  readonly purchaseId: string;
  readonly amountCents: number;
}

/**
 * A refund of a customer's credit as QBO documents it (docs/accounting/books-parity.md): an Expense (`Purchase`,
 * `PaymentType` Cash) paid to the customer from `paidFromAccountId`, its one line on Accounts Receivable, so the
 * money leaves the bank and the customer's receivable takes it; income never moves.
 */
export interface QboPurchaseFields {
  readonly customerId: string;
  readonly txnDate: string;
  /** The deposit account the money leaves from; set on create only, like a payment's deposit account. */
  readonly paidFromAccountId: string;
  readonly receivableAccountId: string;
  readonly amountCents: number;
  readonly privateNote: string;
}

export interface QboRefundReceiptFields {
  readonly customerId: string;
  readonly txnDate: string;
  readonly depositAccountId: string;
  readonly refundItemId: string;
  readonly amountCents: number;
  readonly privateNote: string;
}

/** One payment a deposit takes out of Undeposited Funds (LinkedTxn to the QBO Payment, its whole amount). */
export interface QboDepositPaymentLine {
  readonly paymentId: string;
  readonly amountCents: number;
}

/** A bank deposit of a processor payout: its payments, less the fee as a negative line; the total is the net. */
export interface QboDepositFields {
  readonly txnDate: string;
  readonly payments: readonly QboDepositPaymentLine[];
  /** The processor's fee, posted as a negative line to `feeAccountId`; 0 for none. */
  readonly feeCents: number;
  readonly privateNote: string;
  /** The bank account (DepositToAccountRef), set on create. */
  readonly depositAccountId?: string;
  /** The fee's expense account; sent whenever the lines are (QBO replaces all lines at once). */
  readonly feeAccountId?: string;
  /** Host ids of the payments, in the same order: not sent to QBO, kept so a payment taken out is looked at again. */
  readonly hostPaymentIds?: readonly string[];
}

export interface QboTaxCodeFields {
  readonly name: string;
  readonly active: boolean;
  /** False for the pseudo codes TAX and NON (Intuit: TaxGroup "false—this object represents pseudo-tax codes"). */
  readonly taxGroup: boolean;
}

export type QboDraft =
  | { readonly entity: 'Customer'; readonly fields: QboCustomerFields }
  | { readonly entity: 'Item'; readonly fields: QboItemFields }
  | { readonly entity: 'Invoice'; readonly fields: QboInvoiceFields }
  | { readonly entity: 'Payment'; readonly fields: QboPaymentFields }
  | { readonly entity: 'RefundReceipt'; readonly fields: QboRefundReceiptFields }
  | { readonly entity: 'Deposit'; readonly fields: QboDepositFields }
  | { readonly entity: 'Purchase'; readonly fields: QboPurchaseFields };

/** A sparse update: only the fields present are sent. */
export type QboChanges =
  | { readonly entity: 'Customer'; readonly fields: Partial<QboCustomerFields> }
  | { readonly entity: 'Item'; readonly fields: Partial<Omit<QboItemFields, 'incomeAccountId'>> }
  | { readonly entity: 'Invoice'; readonly fields: Partial<QboInvoiceFields> }
  | { readonly entity: 'Payment'; readonly fields: Partial<QboPaymentFields> }
  | { readonly entity: 'RefundReceipt'; readonly fields: Partial<QboRefundReceiptFields> }
  | { readonly entity: 'Deposit'; readonly fields: Partial<QboDepositFields> }
  | { readonly entity: 'Purchase'; readonly fields: Partial<QboPurchaseFields> };

export interface QboNameRecordFields {
  readonly displayName: string;
  readonly active: boolean;
}

export interface QboAccountFields {
  readonly name: string;
  readonly accountType: string;
  readonly accountSubType: string | null;
  readonly active: boolean;
}

/** A record as read back from QBO. */
export type QboRecord =
  | { readonly entity: 'Customer'; readonly ref: QboRef; readonly fields: QboCustomerFields }
  | { readonly entity: 'Item'; readonly ref: QboRef; readonly fields: QboItemFields }
  | { readonly entity: 'Invoice'; readonly ref: QboRef; readonly fields: QboInvoiceFields; readonly totalCents: number; readonly balanceCents: number; readonly voided: boolean }
  | { readonly entity: 'Payment'; readonly ref: QboRef; readonly fields: QboPaymentFields; readonly unappliedCents: number }
  | { readonly entity: 'RefundReceipt'; readonly ref: QboRef; readonly fields: QboRefundReceiptFields }
  | { readonly entity: 'Purchase'; readonly ref: QboRef; readonly fields: QboPurchaseFields }
  | { readonly entity: 'Vendor'; readonly ref: QboRef; readonly fields: QboNameRecordFields }
  | { readonly entity: 'Employee'; readonly ref: QboRef; readonly fields: QboNameRecordFields }
  | { readonly entity: 'Account'; readonly ref: QboRef; readonly fields: QboAccountFields }
  | { readonly entity: 'Deposit'; readonly ref: QboRef; readonly fields: QboDepositFields; readonly totalCents: number }
  | { readonly entity: 'TaxCode'; readonly ref: QboRef; readonly fields: QboTaxCodeFields };

export type QboRecordOf<E extends QboReadableEntity> = Extract<QboRecord, { entity: E }>;
