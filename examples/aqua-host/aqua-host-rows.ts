import { decimalDollarsToCents, type CatalogItemKind, type HostCatalogItem, type HostCustomer, type HostInvoice, type HostInvoiceLine, type HostInvoiceStatus, type HostPayment, type HostPayout, type HostRefund } from '../../src/plugin';

/**
 * How the aqua app's rows mean the plugin's records, written by hand (path 2 of "Your host's schema"): the same
 * rules `aquaHostSchema` says declaratively. Imports only the package's entry, as a host's own code would.
 */
export type AquaRow = Readonly<Record<string, unknown>>;

/** A row these rules cannot read: the record is reported with this reason, never guessed. */
export class AquaUnreadable extends Error {}

/** Category → item kind; `null`: the aqua app sells it but it is not synced (gift cards are a liability, not income). */
export const aquaKindOfCategory: Readonly<Record<string, CatalogItemKind | null>> = { chemical: 'dosage', equipment: 'product', service: 'pool_service', repair: 'work_order_type', gift_card: null };
export const aquaSyncedCategories = Object.keys(aquaKindOfCategory).filter((category) => aquaKindOfCategory[category] !== null);
export const aquaCategoryOfKind = (kind: CatalogItemKind): string => Object.keys(aquaKindOfCategory).find((category) => aquaKindOfCategory[category] === kind)!;

const activeOfStatus: Readonly<Record<string, boolean>> = { active: true, inactive: false, deleted: false };
const businessOfFlag: Readonly<Record<string, boolean>> = { Y: true, N: false };
/** A paid bill is a sent invoice whose payments come from the ledger; a cancelled one is void. */
const statusOfState: Readonly<Record<string, HostInvoiceStatus>> = { draft: 'draft', open: 'sent', paid: 'sent', cancelled: 'void' };
/** Ledger entry types that are payments (a credit is a payment on no bill). */
export const aquaPaymentTypes = ['payment', 'credit'] as const;

const text = (row: AquaRow, column: string): string | null => {
  const value = row[column];
  if (value === null || value === undefined) return null;
  return String(value);
};

const required = (row: AquaRow, column: string, what: string): string => {
  const value = text(row, column)?.trim();
  if (!value) throw new AquaUnreadable(`${what} (${column} is empty)`);
  return value;
};

const mapped = <T>(map: Readonly<Record<string, T>>, row: AquaRow, column: string, what: string): T => {
  const value = text(row, column);
  if (value === null || !Object.prototype.hasOwnProperty.call(map, value)) {
    throw new AquaUnreadable(`unknown ${what} ${JSON.stringify(value)} (${column}; known: ${Object.keys(map).join(', ')})`);
  }
  return map[value]!;
};

const dollars = (row: AquaRow, column: string, what: string): number => {
  const cents = decimalDollarsToCents(row[column]);
  if (cents === null) throw new AquaUnreadable(`${what} ${JSON.stringify(row[column])} is not a whole number of cents (${column})`);
  return cents;
};

const pad = (n: number): string => String(n).padStart(2, '0');
/** mysql2 hands a DATE over as a Date at local midnight; SQLite keeps the text written. */
const date = (row: AquaRow, column: string, what: string): string => {
  const value = row[column];
  if (value instanceof Date && !Number.isNaN(value.getTime())) return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:$|[ T]\d)/.exec(value) : null;
  // "0000-00-00" or "2026-02-30" is not a day: refused, never passed on as text.
  const text = day ? `${day[1]}-${day[2]}-${day[3]}` : '';
  const parsed = new Date(`${text}T00:00:00Z`);
  if (day && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text) return text;
  throw new AquaUnreadable(`${what} is empty or not a date (${column})`);
};

const optionalDate = (row: AquaRow, column: string, what: string): string | null => (row[column] === null || row[column] === undefined ? null : date(row, column, what));

/** DECIMAL(12,3) text such as "2.500"; a quantity is a plain number in the plugin's records. */
const quantity = (row: AquaRow, column: string): number => {
  const value = typeof row[column] === 'number' ? row[column] : Number(String(row[column]).trim());
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new AquaUnreadable(`a line quantity ${JSON.stringify(row[column])} is not a number (${column})`);
  return value;
};

export const customerOfRow = (row: AquaRow): HostCustomer => {
  const business = mapped(businessOfFlag, row, 'is_business', 'business flag');
  // One name column: a business's name is its company name; a person's is kept whole, never split by guess.
  const name = required(row, 'full_name', 'the client has no name');
  return {
    id: required(row, 'uuid', 'the row has no id'),
    firstName: business ? '' : name,
    lastName: '',
    companyName: business ? name : null,
    displayAsCompany: business,
    email: text(row, 'email'),
    phone: text(row, 'mobile'),
    street: null,
    city: null,
    state: null,
    zip: null,
    isActive: mapped(activeOfStatus, row, 'status', 'client status'),
  };
};

export const itemOfRow = (row: AquaRow): HostCatalogItem => {
  const kind = mapped(aquaKindOfCategory, row, 'category', 'catalog category');
  if (kind === null) throw new AquaUnreadable(`the category ${String(row['category'])} is not synced`);
  return {
    id: required(row, 'uuid', 'the row has no id'),
    kind,
    name: required(row, 'title', 'the item has no name'),
    description: text(row, 'notes'),
    unitPriceCents: dollars(row, 'price', 'the price'),
    sku: null,
    isActive: mapped(activeOfStatus, row, 'status', 'catalog status'),
  };
};

export const invoiceLineOfRow = (row: AquaRow): HostInvoiceLine => ({
  id: required(row, 'uuid', 'an invoice line has no id'),
  catalogItemId: text(row, 'catalog_uuid'),
  description: text(row, 'label') ?? '',
  quantity: quantity(row, 'qty'),
  unitPriceCents: dollars(row, 'rate', 'a line rate'),
  amountCents: dollars(row, 'line_total', 'a line total'),
  taxable: false,
});

/** The bill without its lines; the aqua app charges no sales tax. */
export const invoiceHeadOfRow = (row: AquaRow): Omit<HostInvoice, 'lines'> => {
  const id = required(row, 'uuid', 'the row has no id');
  return {
    id,
    customerId: required(row, 'client_uuid', 'the invoice has no customer'),
    number: text(row, 'bill_no') ?? id,
    issuedOn: date(row, 'billed_on', 'the issue date'),
    dueOn: optionalDate(row, 'due_on', 'the due date'),
    status: mapped(statusOfState, row, 'state', 'invoice status'),
    totalCents: dollars(row, 'total', 'the invoice total'),
    taxCents: 0,
    taxRateName: null,
  };
};

export const paymentOfRow = (row: AquaRow): HostPayment => ({
  id: required(row, 'uuid', 'the row has no id'),
  customerId: required(row, 'client_uuid', 'the payment has no customer'),
  invoiceId: text(row, 'bill_uuid'),
  amountCents: dollars(row, 'amount', 'the payment amount'),
  method: text(row, 'tender') ?? '',
  receivedOn: date(row, 'posted_on', 'the payment date'),
  reference: text(row, 'memo'),
  deleted: row['voided_at'] !== null && row['voided_at'] !== undefined,
});

export const refundOfRow = (row: AquaRow): HostRefund => ({
  id: required(row, 'uuid', 'the row has no id'),
  paymentId: required(row, 'refund_of', 'the refund has no payment'),
  amountCents: dollars(row, 'amount', 'the refund amount'),
  refundedOn: date(row, 'posted_on', 'the refund date'),
  reason: text(row, 'memo'),
});

export const payoutHeadOfRow = (row: AquaRow): Omit<HostPayout, 'paymentIds'> => ({
  id: required(row, 'uuid', 'the row has no id'),
  paidOn: date(row, 'settled_on', 'the payout date'),
  grossCents: dollars(row, 'gross', 'the payout gross amount'),
  feeCents: dollars(row, 'fee', 'the payout fee'),
  netCents: dollars(row, 'net', 'the payout net amount'),
  reference: text(row, 'batch_ref'),
  deleted: row['voided_at'] !== null && row['voided_at'] !== undefined,
});
