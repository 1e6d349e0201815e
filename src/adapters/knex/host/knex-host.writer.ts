import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { Clock } from '../../../application/ports/clock.port';
import { HostWriteRefused, type HostWriter } from '../../../application/ports/host-writer.port';
import { customerDisplayName } from '../../../domain/customers/customer-to-qbo';
import type { HostCatalogItem, HostCustomer } from '../../../domain/host/host-records';
import { centsToDecimalDollars } from '../../../domain/shared/decimal-cents';
import type { HostFieldOf, HostSchema, MappedColumn, MappedTable } from './host-schema';

type WritableEntity = 'customers' | 'catalogItems';
const kindWords: Record<string, string> = { product: 'products', dosage: 'dosages', pool_service: 'pool services', work_order_type: 'work-order types' };

/** MySQL's (and SQLite's) words for a refused row → the column they name. */
const refusedColumn = (error: { code?: string; message?: string; sqlMessage?: string }): string | null => {
  const text = error.sqlMessage ?? error.message ?? '';
  const match = /column '([^']+)'|Field '([^']+)'|column ([A-Za-z0-9_$.]+)|: [A-Za-z0-9_$]+\.([A-Za-z0-9_$]+)/.exec(text);
  return match ? (match[1] ?? match[2] ?? match[3] ?? match[4] ?? null) : null;
};

const why = (error: { code?: string; errno?: number }): string => {
  switch (error.code) {
    case 'ER_DATA_TOO_LONG':
      return 'the value is longer than the column allows';
    case 'ER_BAD_NULL_ERROR':
      return 'the column does not accept an empty value';
    case 'ER_NO_DEFAULT_FOR_FIELD':
      return 'the column has no default and the mapping gives it no value (for host-generated ids set hostSchema.<table>.newId to "uuid" or a function)';
    case 'ER_DUP_ENTRY':
    case 'SQLITE_CONSTRAINT':
      return 'the value breaks a unique key or another constraint of the table';
    case 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD':
    case 'ER_TRUNCATED_WRONG_VALUE':
    case 'ER_WARN_DATA_OUT_OF_RANGE':
    case 'WARN_DATA_TRUNCATED':
      return 'the value does not fit the column\'s type';
    default:
      return 'the database refused the row';
  }
};

const isRefusal = (error: unknown): error is { code: string; message: string } =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && /^(ER_|WARN_|SQLITE_CONSTRAINT)/.test((error as { code: string }).code);

/**
 * The set-up import's inserts into the host's tables, through the mapping: value maps and money units written back
 * exactly as they are read, fields the host lacks left out, and ids from the database (auto-increment), a UUID or the
 * host's own function (`newId`). One row at a time inside one transaction: an import is all or nothing. A row the
 * host's database refuses is a `HostWriteRefused` naming the table, the column and the value.
 */
export class KnexHostWriter implements HostWriter {
  constructor(
    private readonly knex: Knex,
    private readonly schema: HostSchema,
    private readonly clock: Clock,
  ) {}

  async insertCustomers(tenantId: string, customers: readonly Omit<HostCustomer, 'id'>[]): Promise<readonly string[]> {
    const mapped = this.schema.customers;
    const now = new Date(this.clock.now());
    return this.insertAll(tenantId, 'customers', customers.map((customer) => {
      const values: Partial<Record<HostFieldOf<'customers'>, unknown>> = {
        ...(mapped.columns.fullName !== null
          ? { fullName: customerDisplayName({ ...customer, id: '' }) }
          : { firstName: customer.firstName, lastName: customer.lastName, companyName: customer.companyName }),
        displayAsCompany: customer.displayAsCompany,
        email: customer.email, phone: customer.phone, street: customer.street, city: customer.city, state: customer.state, zip: customer.zip,
        isActive: customer.isActive,
        createdAt: now,
        updatedAt: now,
      };
      return { label: customerDisplayName({ ...customer, id: '' }), values };
    }));
  }

  async insertItems(tenantId: string, items: readonly Omit<HostCatalogItem, 'id'>[]): Promise<readonly string[]> {
    const now = new Date(this.clock.now());
    return this.insertAll(tenantId, 'catalogItems', items.map((item) => ({
      label: item.name,
      values: { kind: item.kind, name: item.name, description: item.description, unitPriceCents: item.unitPriceCents, sku: item.sku, isActive: item.isActive, updatedAt: now },
    })));
  }

  private async insertAll<E extends WritableEntity>(
    tenantId: string,
    entity: E,
    records: readonly { label: string; values: Partial<Record<HostFieldOf<E>, unknown>> }[],
  ): Promise<readonly string[]> {
    if (records.length === 0) return [];
    const mapped = this.schema[entity] as MappedTable<E>;
    const rows = records.map(({ label, values }) => ({ label, row: this.row(tenantId, mapped, label, values) }));
    return this.knex.transaction(async (trx) => {
      const ids: string[] = [];
      for (const { label, row } of rows) {
        const id = await this.newId(tenantId, mapped);
        const idColumn = mapped.columns['id' as HostFieldOf<E>] as string;
        try {
          const [inserted] = await trx(mapped.table).insert(id === null ? row : { ...row, [idColumn]: id });
          ids.push(id ?? String(inserted));
        } catch (error) {
          if (!isRefusal(error)) throw error;
          const column = refusedColumn(error);
          const value = column === null ? undefined : column === idColumn ? id : row[column];
          throw new HostWriteRefused(
            `The app's table ${mapped.table} refused "${label}"${column ? ` in column ${column}${value === undefined || value === null ? '' : ` (${JSON.stringify(value)})`}` : ''}: ${why(error)}.`,
            mapped.table,
            column,
          );
        }
      }
      return ids;
    });
  }

  private async newId(tenantId: string, mapped: MappedTable): Promise<string | null> {
    const { newId, table } = mapped;
    if (newId === 'database') return null;
    if (newId === 'uuid') return randomUUID();
    const id = await newId({ tenantId, table });
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') {
      throw new HostWriteRefused(`The app's newId for table ${table} gave ${JSON.stringify(id)}, not an id.`, table, mapped.columns['id' as never]);
    }
    return String(id);
  }

  /** One host row: every mapped field written as the mapping reads it back, the tenant, and the filter that makes it this kind. */
  private row<E extends WritableEntity>(tenantId: string, mapped: MappedTable<E>, label: string, values: Partial<Record<HostFieldOf<E>, unknown>>): Record<string, unknown> {
    const row: Record<string, unknown> = { [mapped.columns['companyId' as HostFieldOf<E>] as string]: tenantId };
    for (const { column, values: allowed } of mapped.filter) row[column] = allowed[0];
    for (const [field, value] of Object.entries(values) as [HostFieldOf<E>, unknown][]) {
      const spec = mapped.fields[field] as MappedColumn;
      if (spec.column === null) continue;
      row[spec.column] = this.written(mapped, field, spec, label, value);
    }
    return row;
  }

  private written(mapped: MappedTable, field: string, spec: MappedColumn, label: string, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    switch (spec.role) {
      case 'money': {
        if (!Number.isSafeInteger(value)) throw new HostWriteRefused(`"${label}" has ${field} ${String(value)}, which is not whole cents.`, mapped.table, spec.column);
        return spec.unit === 'dollars' ? centsToDecimalDollars(value as number) : value;
      }
      case 'flag':
      case 'enum': {
        if (spec.role === 'flag' && spec.values?.get('1') === true && spec.values.get('0') === false) return value;
        const hostValue = [...(spec.values ?? new Map())].find(([, meaning]) => meaning === value)?.[0];
        if (hostValue === undefined) {
          const meaning = spec.role === 'enum' ? (kindWords[String(value)] ?? String(value)) : String(value);
          throw new HostWriteRefused(
            `The app's table ${mapped.table} cannot take "${label}": the mapping has no value of column ${spec.column} for ${meaning} (add one to hostSchema.${mapped.entity}.columns.${field}.values).`,
            mapped.table,
            spec.column,
          );
        }
        return hostValue;
      }
      default:
        return value;
    }
  }
}
