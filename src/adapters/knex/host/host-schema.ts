import type { CatalogItemKind } from '../../../domain/host/host-records';

/**
 * The mapping from the host's own tables to the records the plugin reads (DESIGN.md §4). The reference schema is
 * the default; a host says only what differs, declaratively:
 * - a column by name (`'client_no'`), or with how to read it: `{ column, values }` for flags and enums (host value →
 *   what it means), `{ column, unit: 'dollars' }` for DECIMAL dollars (converted to cents exactly);
 * - `null` for a field the host does not have at all (only where the record can live without it);
 * - `fullName` (with `displayAsCompany` as its business flag) instead of first, last and company name columns;
 * - `filter` to read one kind from a table holding several (payments and refunds in one ledger with a type column);
 * - `newId` for tables whose ids the host generates (UUIDs), used by the set-up import.
 *
 * Each record kind is described in ONE place, `hostFields` below: its table, and per field the default column and
 * what the field is (key, tenant, text, flag, enum, money, date…). A field added there is mapped, checked against
 * the live database, read strictly and documented by the same code.
 */

/** How a field is read. */
export type FieldRole =
  | 'key' // the record's own id (any key type: integers, strings, UUIDs), read as text
  | 'tenant' // the host company id
  | 'reference' // the id of another record, read as text
  | 'text'
  | 'flag' // true/false through `values` (default: 1/0, true/false)
  | 'enum' // a host value → a plugin value through `values`
  | 'money' // integer cents, or decimal dollars with `unit: 'dollars'`
  | 'quantity' // a decimal number
  | 'date' // a calendar day, read as YYYY-MM-DD
  | 'deleted' // a soft-delete marker: NULL = live, anything else = deleted
  | 'timestamp'; // when the row changed (the sweep), or was created

interface FieldSpec {
  readonly column: string | null;
  readonly role: FieldRole;
  /** The record can live without it: the host may map it to null. */
  readonly optional?: boolean;
  /** For flags and enums: host value (as text) → meaning. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** For enums: the meanings a value may be mapped to. */
  readonly meanings?: readonly (string | null)[];
}

const flagValues = { '1': true, '0': false, true: true, false: false } as const;
const itemKinds: readonly CatalogItemKind[] = ['product', 'dosage', 'pool_service', 'work_order_type'];
/** An invoice's state in the host; `paid` is read as sent (issued): payments are read from their own table. */
export const invoiceStates = ['draft', 'sent', 'paid', 'void'] as const;
export type HostInvoiceState = (typeof invoiceStates)[number];

const f = (column: string | null, role: FieldRole, extra: Omit<FieldSpec, 'column' | 'role'> = {}): FieldSpec => ({ column, role, ...extra });

/** Every record kind the plugin reads, with its reference-schema defaults: the one place to extend. */
export const hostFields = {
  customers: {
    table: 'customers',
    fields: {
      id: f('id', 'key'),
      companyId: f('company_id', 'tenant'),
      firstName: f('first_name', 'text', { optional: true }),
      lastName: f('last_name', 'text', { optional: true }),
      companyName: f('company_name', 'text', { optional: true }),
      /** One column with the whole name; when mapped, first, last and company name are not read. */
      fullName: f(null, 'text', { optional: true }),
      displayAsCompany: f('display_as_company', 'flag', { optional: true, values: flagValues }),
      email: f('email', 'text', { optional: true }),
      phone: f('phone', 'text', { optional: true }),
      street: f('street', 'text', { optional: true }),
      city: f('city', 'text', { optional: true }),
      state: f('state', 'text', { optional: true }),
      zip: f('zip', 'text', { optional: true }),
      isActive: f('is_active', 'flag', { optional: true, values: flagValues }),
      createdAt: f('created_at', 'timestamp', { optional: true }),
      updatedAt: f('updated_at', 'timestamp'),
    },
  },
  catalogItems: {
    table: 'catalog_items',
    fields: {
      id: f('id', 'key'),
      companyId: f('company_id', 'tenant'),
      kind: f('kind', 'enum', { values: Object.fromEntries(itemKinds.map((kind) => [kind, kind])), meanings: [...itemKinds, null] }),
      name: f('name', 'text'),
      description: f('description', 'text', { optional: true }),
      unitPriceCents: f('unit_price_cents', 'money'),
      sku: f('sku', 'text', { optional: true }),
      isActive: f('is_active', 'flag', { optional: true, values: flagValues }),
      updatedAt: f('updated_at', 'timestamp'),
    },
  },
  invoices: {
    table: 'invoices',
    fields: {
      id: f('id', 'key'),
      companyId: f('company_id', 'tenant'),
      customerId: f('customer_id', 'reference'),
      number: f('number', 'text', { optional: true }),
      issuedOn: f('issued_on', 'date'),
      dueOn: f('due_on', 'date', { optional: true }),
      status: f('status', 'enum', { optional: true, values: { draft: 'draft', sent: 'sent', void: 'void' }, meanings: invoiceStates }),
      totalCents: f('total_cents', 'money'),
      /** Sales tax billed; NULL (or no column) is an untaxed invoice. */
      taxCents: f('tax_cents', 'money', { optional: true }),
      taxRateName: f('tax_rate_name', 'text', { optional: true }),
      updatedAt: f('updated_at', 'timestamp'),
    },
  },
  invoiceLines: {
    table: 'invoice_lines',
    fields: {
      id: f('id', 'key'),
      invoiceId: f('invoice_id', 'reference'),
      catalogItemId: f('catalog_item_id', 'reference', { optional: true }),
      description: f('description', 'text', { optional: true }),
      quantity: f('quantity', 'quantity', { optional: true }),
      unitPriceCents: f('unit_price_cents', 'money'),
      amountCents: f('amount_cents', 'money'),
      taxable: f('taxable', 'flag', { optional: true, values: flagValues }),
    },
  },
  payments: {
    table: 'payments',
    fields: {
      id: f('id', 'key'),
      companyId: f('company_id', 'tenant'),
      customerId: f('customer_id', 'reference'),
      invoiceId: f('invoice_id', 'reference', { optional: true }),
      amountCents: f('amount_cents', 'money'),
      method: f('method', 'text', { optional: true }),
      receivedOn: f('received_on', 'date'),
      reference: f('reference', 'text', { optional: true }),
      deletedAt: f('deleted_at', 'deleted', { optional: true }),
      updatedAt: f('updated_at', 'timestamp'),
    },
  },
  refunds: {
    table: 'refunds',
    fields: {
      id: f('id', 'key'),
      companyId: f('company_id', 'tenant'),
      paymentId: f('payment_id', 'reference'),
      amountCents: f('amount_cents', 'money'),
      refundedOn: f('refunded_on', 'date'),
      reason: f('reason', 'text', { optional: true }),
      updatedAt: f('updated_at', 'timestamp'),
    },
  },
  payouts: {
    table: 'payouts',
    fields: {
      id: f('id', 'key'),
      companyId: f('company_id', 'tenant'),
      paidOn: f('paid_on', 'date'),
      grossCents: f('gross_cents', 'money'),
      feeCents: f('fee_cents', 'money'),
      netCents: f('net_cents', 'money'),
      reference: f('reference', 'text', { optional: true }),
      deletedAt: f('deleted_at', 'deleted', { optional: true }),
      updatedAt: f('updated_at', 'timestamp'),
    },
  },
  payoutPayments: {
    table: 'payout_payments',
    fields: {
      payoutId: f('payout_id', 'reference'),
      paymentId: f('payment_id', 'reference'),
    },
  },
} as const satisfies Record<string, { table: string; fields: Record<string, FieldSpec> }>;

export type HostEntity = keyof typeof hostFields;
export type HostFieldOf<E extends HostEntity> = keyof (typeof hostFields)[E]['fields'] & string;
export type MoneyUnit = 'cents' | 'dollars';

/** How a host says one column: its name, `null` when it has none, or its name with how to read its values. */
export type HostColumn =
  | string
  | null
  | {
      readonly column: string;
      /** Flags: host value → true/false (e.g. `{ active: true, inactive: false, deleted: false }`); enums: host value → meaning (`null`: not synced). */
      readonly values?: Readonly<Record<string, unknown>>;
      /** Money: `'cents'` (integer, the default) or `'dollars'` (DECIMAL, converted exactly). */
      readonly unit?: MoneyUnit;
    };

/** A host-generated id for an imported row: `'uuid'` (a random UUID), or the host's own function. */
export type HostIdFactory = 'database' | 'uuid' | ((context: { readonly tenantId: string; readonly table: string }) => string | Promise<string>);

/** Several kinds in one table: only rows whose column holds one of the values are this kind. */
export type HostFilter = Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[]>>;

/** What a host passes: only what differs from the reference schema. */
export type HostSchemaOverride = {
  readonly [E in HostEntity]?: {
    readonly table?: string;
    readonly columns?: { readonly [P in HostFieldOf<E>]?: HostColumn };
    readonly filter?: HostFilter;
    /** Customers and catalog items only: how the import gets ids for new rows; default `'database'` (auto-increment). */
    readonly newId?: HostIdFactory;
  };
};

/** One field as resolved: the column (null: the host has none) and how to read it. */
export interface MappedColumn {
  readonly column: string | null;
  readonly role: FieldRole;
  readonly optional: boolean;
  /** Host value as text → meaning, for flags and enums. */
  readonly values: ReadonlyMap<string, unknown> | null;
  readonly unit: MoneyUnit;
}

export interface MappedTable<E extends HostEntity = HostEntity> {
  readonly entity: E;
  readonly table: string;
  readonly fields: { readonly [P in HostFieldOf<E>]: MappedColumn };
  /** Column names by field (null where the host has none): what most queries need. */
  readonly columns: { readonly [P in HostFieldOf<E>]: string | null };
  readonly filter: readonly { readonly column: string; readonly values: readonly (string | number | boolean)[] }[];
  readonly newId: HostIdFactory;
}

/** The resolved mapping: every record kind with every field. */
export type HostSchema = { readonly [E in HostEntity]: MappedTable<E> };

const validName = /^[A-Za-z_][A-Za-z0-9_$.]{0,127}$/;
const writable: readonly HostEntity[] = ['customers', 'catalogItems'];

const checkName = (where: string, name: unknown): string => {
  if (typeof name !== 'string' || !validName.test(name)) {
    throw new Error(`hostSchema.${where} must be a table or column name (letters, digits, _ $ .); got ${JSON.stringify(name)}`);
  }
  return name;
};

const valueKey = (value: unknown): string => (typeof value === 'boolean' ? String(value) : String(value));

const resolveColumn = (where: string, spec: FieldSpec, given: HostColumn | undefined): MappedColumn => {
  const base = { role: spec.role, optional: spec.optional === true };
  const defaults = spec.values ? new Map(Object.entries(spec.values)) : null;
  if (given === undefined) return { ...base, column: spec.column, values: defaults, unit: 'cents' };
  if (given === null) {
    if (!spec.optional) throw new Error(`hostSchema.${where} cannot be null: every record needs it`);
    return { ...base, column: null, values: defaults, unit: 'cents' };
  }
  if (typeof given === 'string') return { ...base, column: checkName(where, given), values: defaults, unit: 'cents' };
  if (typeof given !== 'object' || Array.isArray(given)) throw new Error(`hostSchema.${where} must be a column name, null, or { column, values?, unit? }`);
  const unknownKeys = Object.keys(given).filter((key) => !['column', 'values', 'unit'].includes(key));
  if (unknownKeys.length > 0) throw new Error(`hostSchema.${where} has unknown keys: ${unknownKeys.join(', ')} (it takes column, values, unit)`);
  const column = checkName(`${where}.column`, given.column);
  if (given.unit !== undefined && spec.role !== 'money') throw new Error(`hostSchema.${where}.unit is only for money columns`);
  if (given.unit !== undefined && given.unit !== 'cents' && given.unit !== 'dollars') throw new Error(`hostSchema.${where}.unit must be "cents" or "dollars"; got ${JSON.stringify(given.unit)}`);
  let values = defaults;
  if (given.values !== undefined) {
    if (spec.role !== 'flag' && spec.role !== 'enum') throw new Error(`hostSchema.${where}.values is only for flag and enum columns`);
    if (typeof given.values !== 'object' || given.values === null || Array.isArray(given.values) || Object.keys(given.values).length === 0) {
      throw new Error(`hostSchema.${where}.values must be an object of host value → meaning, e.g. { active: true, inactive: false }`);
    }
    for (const [hostValue, meaning] of Object.entries(given.values)) {
      if (spec.role === 'flag' && typeof meaning !== 'boolean') throw new Error(`hostSchema.${where}.values["${hostValue}"] must be true or false; got ${JSON.stringify(meaning)}`);
      if (spec.role === 'enum' && !spec.meanings!.includes(meaning as string | null)) {
        throw new Error(`hostSchema.${where}.values["${hostValue}"] must be one of ${spec.meanings!.map((m) => JSON.stringify(m)).join(', ')}; got ${JSON.stringify(meaning)}`);
      }
    }
    values = new Map(Object.entries(given.values).map(([key, meaning]) => [valueKey(key), meaning]));
  }
  return { ...base, column, values, unit: given.unit ?? 'cents' };
};

const resolveFilter = (where: string, filter: HostFilter | undefined): MappedTable['filter'] => {
  if (filter === undefined) return [];
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw new Error(`hostSchema.${where} must be an object of column → value(s), e.g. { entry_type: "payment" }`);
  return Object.entries(filter).map(([column, value]) => {
    const values = (Array.isArray(value) ? value : [value]) as unknown[];
    if (values.length === 0 || values.some((v) => !['string', 'number', 'boolean'].includes(typeof v))) {
      throw new Error(`hostSchema.${where}.${column} must be a value or a list of values (text, numbers, true/false)`);
    }
    return { column: checkName(`${where}.${column}`, column), values: values as (string | number | boolean)[] };
  });
};

const resolveNewId = (where: string, entity: HostEntity, newId: HostIdFactory | undefined): HostIdFactory => {
  if (newId === undefined) return 'database';
  if (!writable.includes(entity)) throw new Error(`hostSchema.${where} is only for customers and catalogItems (the tables the import writes)`);
  if (newId !== 'database' && newId !== 'uuid' && typeof newId !== 'function') throw new Error(`hostSchema.${where} must be "database", "uuid" or a function ({ tenantId, table }) => id`);
  return newId;
};

/** The host's override over the reference schema; anything it cannot mean exactly throws, naming where. */
export const resolveHostSchema = (override: HostSchemaOverride = {}): HostSchema => {
  const unknownEntities = Object.keys(override).filter((entity) => !(entity in hostFields));
  if (unknownEntities.length > 0) throw new Error(`hostSchema has unknown tables: ${unknownEntities.join(', ')} (it maps ${Object.keys(hostFields).join(', ')})`);
  const resolved = {} as Record<HostEntity, MappedTable>;
  for (const entity of Object.keys(hostFields) as HostEntity[]) {
    const base = hostFields[entity];
    const part = (override[entity] ?? {}) as { table?: string; columns?: Record<string, HostColumn>; filter?: HostFilter; newId?: HostIdFactory };
    if (typeof part !== 'object' || part === null) throw new Error(`hostSchema.${entity} must be an object`);
    const unknownParts = Object.keys(part).filter((key) => !['table', 'columns', 'filter', 'newId'].includes(key));
    if (unknownParts.length > 0) throw new Error(`hostSchema.${entity} has unknown keys: ${unknownParts.join(', ')} (it takes table, columns, filter, newId)`);
    const given = part.columns ?? {};
    const unknownColumns = Object.keys(given).filter((column) => !(column in base.fields));
    if (unknownColumns.length > 0) throw new Error(`hostSchema.${entity}.columns has unknown keys: ${unknownColumns.join(', ')}`);
    const table = checkName(`${entity}.table`, part.table ?? base.table);
    const columns: Record<string, HostColumn | undefined> = { ...given };
    if (entity === 'customers' && given['fullName'] !== undefined && given['fullName'] !== null) {
      const named = (['firstName', 'lastName', 'companyName'] as const).filter((key) => given[key] !== undefined && given[key] !== null);
      if (named.length > 0) throw new Error(`hostSchema.customers.columns: give either fullName or ${named.join(', ')}, not both`);
      for (const key of ['firstName', 'lastName', 'companyName']) columns[key] = null;
    }
    const fields = Object.fromEntries(
      Object.entries(base.fields).map(([key, spec]) => [key, resolveColumn(`${entity}.columns.${key}`, spec as FieldSpec, columns[key])]),
    ) as Record<string, MappedColumn>;
    resolved[entity] = {
      entity,
      table,
      fields,
      columns: Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.column])),
      filter: resolveFilter(`${entity}.filter`, part.filter),
      newId: resolveNewId(`${entity}.newId`, entity, part.newId),
    } as MappedTable;
  }
  return resolved as unknown as HostSchema;
};

/** The reference schema (DESIGN.md §4). */
export const defaultHostSchema: HostSchema = resolveHostSchema();

/** The tables the plugin reads for a tenant (invoice lines belong to it through their invoice). */
export const tenantEntities = ['customers', 'catalogItems', 'invoices', 'payments', 'refunds', 'payouts'] as const;
