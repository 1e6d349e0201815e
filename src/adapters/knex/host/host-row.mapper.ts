import type {
  CatalogItemKind,
  HostCatalogItem,
  HostCustomer,
  HostInvoice,
  HostInvoiceLine,
  HostInvoiceStatus,
  HostPayment,
  HostPayout,
  HostRefund,
} from '../../../domain/host/host-records';

/**
 * Host rows → domain records. Policy for bad rows: text a record can live without becomes '' or null and a NULL
 * active flag means active (what the host would show); a NULL or non-integer amount, an unknown kind or status,
 * or a missing reference makes the row unusable — it is skipped with a reason, never guessed, because invented
 * money or links would be pushed to QBO.
 */
export type Mapped<T> = { readonly record: T } | { readonly skip: string };

type Row = Record<string, unknown>;

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const flag = (value: unknown, whenNull: boolean): boolean =>
  value === null || value === undefined ? whenNull : value === true || value === 1 || value === '1' || value === 'true';
const cents = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
};
const id = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

const pad = (n: number): string => String(n).padStart(2, '0');
/** MySQL dates arrive already formatted (DATE_FORMAT in the query); SQLite keeps text, or epoch ms when a Date was bound. */
export const isoDate = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  if (typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(String(value));
  return match ? match[1]! : null;
};

const catalogKinds: readonly string[] = ['product', 'dosage', 'pool_service', 'work_order_type'];
const invoiceStatuses: readonly string[] = ['draft', 'sent', 'void'];

export const customerFromRow = (row: Row): Mapped<HostCustomer> => ({
  record: {
    id: String(row['id']),
    firstName: text(row['firstName']) ?? '',
    lastName: text(row['lastName']) ?? '',
    companyName: text(row['companyName']),
    displayAsCompany: flag(row['displayAsCompany'], false),
    email: text(row['email']),
    phone: text(row['phone']),
    street: text(row['street']),
    city: text(row['city']),
    state: text(row['state']),
    zip: text(row['zip']),
    isActive: flag(row['isActive'], true),
  },
});

export const itemFromRow = (row: Row): Mapped<HostCatalogItem> => {
  const kind = text(row['kind']);
  const unitPriceCents = cents(row['unitPriceCents']);
  const name = text(row['name']);
  if (kind === null || !catalogKinds.includes(kind)) return { skip: `unknown catalog item kind ${JSON.stringify(kind)}` };
  if (unitPriceCents === null) return { skip: 'unit price is not a whole number of cents' };
  if (name === null || name.trim() === '') return { skip: 'the item has no name' };
  return {
    record: {
      id: String(row['id']),
      kind: kind as CatalogItemKind,
      name,
      description: text(row['description']),
      unitPriceCents,
      sku: text(row['sku']),
      isActive: flag(row['isActive'], true),
    },
  };
};

/** An invoice row without its lines, which come from their own table. */
export type InvoiceHead = Omit<HostInvoice, 'lines'>;

export const invoiceHeadFromRow = (row: Row): Mapped<InvoiceHead> => {
  const customerId = id(row['customerId']);
  const issuedOn = isoDate(row['issuedOn']);
  const status = text(row['status']);
  const totalCents = cents(row['totalCents']);
  if (customerId === null) return { skip: 'the invoice has no customer' };
  if (issuedOn === null) return { skip: 'the invoice has no issue date' };
  if (status === null || !invoiceStatuses.includes(status)) return { skip: `unknown invoice status ${JSON.stringify(status)}` };
  if (totalCents === null) return { skip: 'the invoice total is not a whole number of cents' };
  // A NULL tax is an untaxed invoice (hosts that added the column later); a value that is not whole cents is unreadable.
  const taxCents = row['taxCents'] === null || row['taxCents'] === undefined ? 0 : cents(row['taxCents']);
  if (taxCents === null) return { skip: 'the invoice tax is not a whole number of cents' };
  return {
    record: {
      id: String(row['id']),
      customerId,
      number: text(row['number']) ?? String(row['id']),
      issuedOn,
      dueOn: isoDate(row['dueOn']),
      status: status as HostInvoiceStatus,
      totalCents,
      taxCents,
      taxRateName: text(row['taxRateName']),
    },
  };
};

export const invoiceLineFromRow = (row: Row): Mapped<HostInvoiceLine> => {
  const quantity = row['quantity'] === null || row['quantity'] === undefined ? NaN : Number(row['quantity']);
  const unitPriceCents = cents(row['unitPriceCents']);
  const amountCents = cents(row['amountCents']);
  if (!Number.isFinite(quantity)) return { skip: `line ${String(row['id'])} has no quantity` };
  if (unitPriceCents === null || amountCents === null) return { skip: `line ${String(row['id'])} has an amount that is not whole cents` };
  return {
    record: { id: String(row['id']), catalogItemId: id(row['catalogItemId']), description: text(row['description']) ?? '', quantity, unitPriceCents, amountCents, taxable: flag(row['taxable'], false) },
  };
};

export const paymentFromRow = (row: Row): Mapped<HostPayment> => {
  const customerId = id(row['customerId']);
  const amountCents = cents(row['amountCents']);
  const receivedOn = isoDate(row['receivedOn']);
  if (customerId === null) return { skip: 'the payment has no customer' };
  if (amountCents === null) return { skip: 'the payment amount is not a whole number of cents' };
  if (receivedOn === null) return { skip: 'the payment has no date' };
  return {
    record: {
      id: String(row['id']),
      customerId,
      invoiceId: id(row['invoiceId']),
      amountCents,
      method: text(row['method']) ?? '',
      receivedOn,
      reference: text(row['reference']),
      deleted: row['deletedAt'] !== null && row['deletedAt'] !== undefined,
    },
  };
};

export const refundFromRow = (row: Row): Mapped<HostRefund> => {
  const paymentId = id(row['paymentId']);
  const amountCents = cents(row['amountCents']);
  const refundedOn = isoDate(row['refundedOn']);
  if (paymentId === null) return { skip: 'the refund has no payment' };
  if (amountCents === null) return { skip: 'the refund amount is not a whole number of cents' };
  if (refundedOn === null) return { skip: 'the refund has no date' };
  return { record: { id: String(row['id']), paymentId, amountCents, refundedOn, reason: text(row['reason']) } };
};

/** A payout row without its payments, which come from their own table. */
export type PayoutHead = Omit<HostPayout, 'paymentIds'>;

export const payoutHeadFromRow = (row: Row): Mapped<PayoutHead> => {
  const paidOn = isoDate(row['paidOn']);
  const [grossCents, feeCents, netCents] = [cents(row['grossCents']), cents(row['feeCents']), cents(row['netCents'])];
  if (paidOn === null) return { skip: 'the payout has no date' };
  if (grossCents === null || feeCents === null || netCents === null) return { skip: 'a payout amount is not a whole number of cents' };
  return {
    record: { id: String(row['id']), paidOn, grossCents, feeCents, netCents, reference: text(row['reference']), deleted: row['deletedAt'] !== null && row['deletedAt'] !== undefined },
  };
};
