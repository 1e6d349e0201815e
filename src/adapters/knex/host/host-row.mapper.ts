import { decimalDollarsToCents, integerCents } from '../../../domain/shared/decimal-cents';
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
import type { HostEntity, HostFieldOf, HostInvoiceState, HostSchema, MappedTable } from './host-schema';

/**
 * Host rows → domain records, strictly by the mapping (DESIGN.md §3 invariant 9, "never misread"): every value is
 * read as exactly what the mapping says, or the row is unreadable with a reason naming the table, the column, the
 * value and the fix. Text a record can live without reads as '' or null; a NULL flag reads as its documented default
 * (active; not a company). A value outside a flag's or enum's map, a malformed amount, a missing required field: the
 * row is refused, never guessed, because a guess would be pushed to QBO.
 */
export type Mapped<T> = { readonly record: T } | { readonly skip: string };

export type Row = Record<string, unknown>;

class Unreadable extends Error {}

const pad = (n: number): string => String(n).padStart(2, '0');
/** Whether year-month-day is a day of the calendar (MySQL's "0000-00-00" and "2026-02-30" are not). */
const isCalendarDay = (year: number, month: number, day: number): boolean =>
  year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * MySQL dates arrive already formatted (DATE_FORMAT in the query); SQLite keeps text (a date, or a date and a time),
 * or epoch ms when a Date was bound. Anything else — a day not on the calendar, other text — is not a date: null.
 */
export const isoDate = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= 8.64e15 ? new Date(value).toISOString().slice(0, 10) : null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[ T]\d)/.exec(String(value));
  if (!match || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
};

/** A database value as the text a value map is keyed by: booleans as true/false, BIT(1) as 1/0. */
export const valueText = (value: unknown): string => {
  if (Buffer.isBuffer(value)) return value.length === 1 ? String(value[0]) : value.toString('hex');
  if (typeof value === 'bigint') return String(value);
  return String(value);
};

const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : valueText(value));
const isNull = (value: unknown): boolean => value === null || value === undefined;

/** Reads the fields of one row of one mapped table; a field that cannot be read throws `Unreadable` with the reason. */
class RowReader<E extends HostEntity> {
  constructor(
    private readonly mapped: MappedTable<E>,
    private readonly row: Row,
  ) {}

  private where(field: HostFieldOf<E>): string {
    return `${this.mapped.table}.${this.mapped.fields[field].column}`;
  }

  private fix(field: HostFieldOf<E>): string {
    return `hostSchema.${this.mapped.entity}.columns.${field}`;
  }

  private raw(field: HostFieldOf<E>): unknown {
    return this.mapped.fields[field].column === null ? null : this.row[field];
  }

  has(field: HostFieldOf<E>): boolean {
    return this.mapped.fields[field].column !== null;
  }

  text(field: HostFieldOf<E>): string | null {
    const value = this.raw(field);
    return isNull(value) ? null : Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }

  required(field: HostFieldOf<E>, missing: string): string {
    const value = this.text(field);
    if (value === null || value.trim() === '') throw new Unreadable(`${missing} (${this.where(field)} is empty)`);
    return value;
  }

  reference(field: HostFieldOf<E>): string | null {
    const value = this.text(field);
    return value === null || value === '' ? null : value;
  }

  flag(field: HostFieldOf<E>, whenNull: boolean): boolean {
    const value = this.raw(field);
    if (isNull(value)) return whenNull;
    const meaning = this.mapped.fields[field].values?.get(valueText(value));
    if (typeof meaning !== 'boolean') {
      throw new Unreadable(`${this.where(field)} holds ${shown(value)}, which the mapping reads as neither true nor false (add it to ${this.fix(field)}.values)`);
    }
    return meaning;
  }

  enumOf<T>(field: HostFieldOf<E>, what: string): T | null | undefined {
    const value = this.raw(field);
    if (isNull(value)) {
      if (!this.has(field)) return undefined;
      throw new Unreadable(`${what} is empty (${this.where(field)})`);
    }
    const values = this.mapped.fields[field].values;
    if (!values?.has(valueText(value))) throw new Unreadable(`unknown ${what} ${shown(value)} in ${this.where(field)} (add it to ${this.fix(field)}.values)`);
    return values.get(valueText(value)) as T | null;
  }

  /** Money a record can be without (a tax): NULL or no column reads as 0. */
  optionalMoney(field: HostFieldOf<E>, what: string): number {
    const value = this.raw(field);
    return value === null || value === undefined ? 0 : this.money(field, what);
  }

  money(field: HostFieldOf<E>, what: string): number {
    const value = this.raw(field);
    if (isNull(value) || value === '') throw new Unreadable(`${what} is empty (${this.where(field)})`);
    const unit = this.mapped.fields[field].unit;
    const cents = unit === 'dollars' ? decimalDollarsToCents(value) : integerCents(value);
    if (cents === null) {
      throw new Unreadable(
        unit === 'dollars'
          ? `${what} ${shown(value)} in ${this.where(field)} is not an exact amount of dollars and cents`
          : `${what} ${shown(value)} in ${this.where(field)} is not a whole number of cents (if the column holds dollars, map it as { column: "${this.mapped.fields[field].column}", unit: "dollars" })`,
      );
    }
    return cents;
  }

  quantity(field: HostFieldOf<E>): number {
    const value = this.raw(field);
    if (!this.has(field)) return 1;
    const n = isNull(value) || value === '' ? NaN : Number(value);
    if (!Number.isFinite(n)) throw new Unreadable(`the quantity ${shown(value)} in ${this.where(field)} is not a number`);
    return n;
  }

  date(field: HostFieldOf<E>, what: string): string {
    const value = isoDate(this.raw(field));
    if (value === null) throw new Unreadable(`${what} is empty or not a date (${this.where(field)})`);
    return value;
  }

  /** NULL (or empty) is no date; a value that is there but not a date is refused, never dropped as "no date". */
  optionalDate(field: HostFieldOf<E>, what: string): string | null {
    const value = this.raw(field);
    if (isNull(value) || value === '') return null;
    const day = isoDate(value);
    if (day === null) throw new Unreadable(`${what} ${shown(value)} in ${this.where(field)} is not a date`);
    return day;
  }

  deleted(field: HostFieldOf<E>): boolean {
    return !isNull(this.raw(field));
  }
}

const mapRow = <E extends HostEntity, T>(mapped: MappedTable<E>, row: Row, build: (read: RowReader<E>) => T): Mapped<T> => {
  try {
    return { record: build(new RowReader(mapped, row)) };
  } catch (error) {
    if (error instanceof Unreadable) return { skip: error.message };
    throw error;
  }
};

export const customerFromRow = (schema: HostSchema, row: Row): Mapped<HostCustomer> =>
  mapRow(schema.customers, row, (read) => {
    const displayAsCompany = read.flag('displayAsCompany', false);
    const names = read.has('fullName')
      ? (() => {
          const full = (read.text('fullName') ?? '').trim();
          // One column holds the whole name: a business's is its company name, a person's is kept whole (never split by guess).
          return displayAsCompany ? { firstName: '', lastName: '', companyName: full } : { firstName: full, lastName: '', companyName: null };
        })()
      : { firstName: read.text('firstName') ?? '', lastName: read.text('lastName') ?? '', companyName: read.text('companyName') };
    return {
      id: read.required('id', 'the row has no id'),
      ...names,
      displayAsCompany,
      email: read.text('email'),
      phone: read.text('phone'),
      street: read.text('street'),
      city: read.text('city'),
      state: read.text('state'),
      zip: read.text('zip'),
      isActive: read.flag('isActive', true),
    };
  });

export const itemFromRow = (schema: HostSchema, row: Row): Mapped<HostCatalogItem> =>
  mapRow(schema.catalogItems, row, (read) => {
    const kind = read.enumOf<CatalogItemKind>('kind', 'catalog item kind');
    // A kind mapped to null is not synced: the query leaves those rows out, so one here was changed under us.
    if (!kind) throw new Unreadable(`${schema.catalogItems.table}.${schema.catalogItems.columns.kind} holds a kind the mapping says is not synced`);
    const name = read.required('name', 'the item has no name');
    return {
      id: read.required('id', 'the row has no id'),
      kind,
      name,
      description: read.text('description'),
      unitPriceCents: read.money('unitPriceCents', 'the unit price'),
      sku: read.text('sku'),
      isActive: read.flag('isActive', true),
    };
  });

/** An invoice row without its lines, which come from their own table. */
export type InvoiceHead = Omit<HostInvoice, 'lines'>;

const invoiceStatusOf: Readonly<Record<HostInvoiceState, HostInvoiceStatus>> = { draft: 'draft', sent: 'sent', paid: 'sent', void: 'void' };

export const invoiceHeadFromRow = (schema: HostSchema, row: Row): Mapped<InvoiceHead> =>
  mapRow(schema.invoices, row, (read) => {
    const customerId = read.reference('customerId');
    if (customerId === null) throw new Unreadable(`the invoice has no customer (${schema.invoices.table}.${schema.invoices.columns.customerId})`);
    const state = read.enumOf<HostInvoiceState>('status', 'invoice status');
    const id = read.required('id', 'the row has no id');
    return {
      id,
      customerId,
      number: read.text('number') ?? id,
      issuedOn: read.date('issuedOn', 'the issue date'),
      dueOn: read.optionalDate('dueOn', 'the due date'),
      status: state === undefined ? 'sent' : invoiceStatusOf[state ?? 'sent'],
      totalCents: read.money('totalCents', 'the invoice total'),
      // A NULL tax is an untaxed invoice (hosts that added the column later); a value that is not whole cents is unreadable.
      taxCents: read.optionalMoney('taxCents', 'the invoice tax'),
      taxRateName: read.text('taxRateName'),
    };
  });

export const invoiceLineFromRow = (schema: HostSchema, row: Row): Mapped<HostInvoiceLine> =>
  mapRow(schema.invoiceLines, row, (read) => ({
    id: read.required('id', 'an invoice line has no id'),
    catalogItemId: read.reference('catalogItemId'),
    description: read.text('description') ?? '',
    quantity: read.quantity('quantity'),
    unitPriceCents: read.money('unitPriceCents', 'a line unit price'),
    amountCents: read.money('amountCents', 'a line amount'),
    taxable: read.flag('taxable', false),
  }));

export const paymentFromRow = (schema: HostSchema, row: Row): Mapped<HostPayment> =>
  mapRow(schema.payments, row, (read) => {
    const customerId = read.reference('customerId');
    if (customerId === null) throw new Unreadable(`the payment has no customer (${schema.payments.table}.${schema.payments.columns.customerId})`);
    return {
      id: read.required('id', 'the row has no id'),
      customerId,
      invoiceId: read.reference('invoiceId'),
      amountCents: read.money('amountCents', 'the payment amount'),
      method: read.text('method') ?? '',
      receivedOn: read.date('receivedOn', 'the payment date'),
      reference: read.text('reference'),
      deleted: read.deleted('deletedAt'),
    };
  });

export const refundFromRow = (schema: HostSchema, row: Row): Mapped<HostRefund> =>
  mapRow(schema.refunds, row, (read) => {
    const paymentId = read.reference('paymentId');
    if (paymentId === null) throw new Unreadable(`the refund has no payment (${schema.refunds.table}.${schema.refunds.columns.paymentId})`);
    return {
      id: read.required('id', 'the row has no id'),
      paymentId,
      amountCents: read.money('amountCents', 'the refund amount'),
      refundedOn: read.date('refundedOn', 'the refund date'),
      reason: read.text('reason'),
    };
  });

/** A payout row without its payments, which come from their own table. */
export type PayoutHead = Omit<HostPayout, 'paymentIds'>;

export const payoutHeadFromRow = (schema: HostSchema, row: Row): Mapped<PayoutHead> =>
  mapRow(schema.payouts, row, (read) => ({
    id: read.required('id', 'the row has no id'),
    paidOn: read.date('paidOn', 'the payout date'),
    grossCents: read.money('grossCents', 'the payout gross amount'),
    feeCents: read.money('feeCents', 'the payout fee'),
    netCents: read.money('netCents', 'the payout net amount'),
    reference: read.text('reference'),
    deleted: read.deleted('deletedAt'),
  }));
