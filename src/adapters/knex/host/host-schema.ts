/** Table and column names of the host's own tables (DESIGN.md §4); `company_id` is the tenant everywhere. */
export interface HostSchema {
  readonly customers: {
    readonly table: string;
    readonly columns: {
      readonly id: string;
      readonly companyId: string;
      readonly firstName: string;
      readonly lastName: string;
      readonly companyName: string;
      readonly displayAsCompany: string;
      readonly email: string;
      readonly phone: string;
      readonly street: string;
      readonly city: string;
      readonly state: string;
      readonly zip: string;
      readonly isActive: string;
      readonly createdAt: string;
      readonly updatedAt: string;
    };
  };
  readonly catalogItems: {
    readonly table: string;
    readonly columns: {
      readonly id: string;
      readonly companyId: string;
      readonly kind: string;
      readonly name: string;
      readonly description: string;
      readonly unitPriceCents: string;
      readonly sku: string;
      readonly isActive: string;
      readonly updatedAt: string;
    };
  };
  readonly invoices: {
    readonly table: string;
    readonly columns: {
      readonly id: string;
      readonly companyId: string;
      readonly customerId: string;
      readonly number: string;
      readonly issuedOn: string;
      readonly dueOn: string;
      readonly status: string;
      readonly totalCents: string;
      readonly taxCents: string;
      readonly taxRateName: string;
      readonly updatedAt: string;
    };
  };
  readonly invoiceLines: {
    readonly table: string;
    readonly columns: {
      readonly id: string;
      readonly invoiceId: string;
      readonly catalogItemId: string;
      readonly description: string;
      readonly quantity: string;
      readonly unitPriceCents: string;
      readonly amountCents: string;
      readonly taxable: string;
    };
  };
  readonly payments: {
    readonly table: string;
    readonly columns: {
      readonly id: string;
      readonly companyId: string;
      readonly customerId: string;
      readonly invoiceId: string;
      readonly amountCents: string;
      readonly method: string;
      readonly receivedOn: string;
      readonly reference: string;
      readonly deletedAt: string;
      readonly updatedAt: string;
    };
  };
  readonly refunds: {
    readonly table: string;
    readonly columns: {
      readonly id: string;
      readonly companyId: string;
      readonly paymentId: string;
      readonly amountCents: string;
      readonly refundedOn: string;
      readonly reason: string;
      readonly updatedAt: string;
    };
  };
  readonly payouts: {
    readonly table: string;
    readonly columns: {
      readonly id: string;
      readonly companyId: string;
      readonly paidOn: string;
      readonly grossCents: string;
      readonly feeCents: string;
      readonly netCents: string;
      readonly reference: string;
      readonly deletedAt: string;
      readonly updatedAt: string;
    };
  };
  readonly payoutPayments: {
    readonly table: string;
    readonly columns: {
      readonly payoutId: string;
      readonly paymentId: string;
    };
  };
}

/** What a host passes: only the names that differ from the reference schema. */
export type HostSchemaOverride = {
  readonly [T in keyof HostSchema]?: {
    readonly table?: string;
    readonly columns?: Partial<HostSchema[T]['columns']>;
  };
};

export const defaultHostSchema: HostSchema = {
  customers: {
    table: 'customers',
    columns: {
      id: 'id',
      companyId: 'company_id',
      firstName: 'first_name',
      lastName: 'last_name',
      companyName: 'company_name',
      displayAsCompany: 'display_as_company',
      email: 'email',
      phone: 'phone',
      street: 'street',
      city: 'city',
      state: 'state',
      zip: 'zip',
      isActive: 'is_active',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
  },
  catalogItems: {
    table: 'catalog_items',
    columns: {
      id: 'id',
      companyId: 'company_id',
      kind: 'kind',
      name: 'name',
      description: 'description',
      unitPriceCents: 'unit_price_cents',
      sku: 'sku',
      isActive: 'is_active',
      updatedAt: 'updated_at',
    },
  },
  invoices: {
    table: 'invoices',
    columns: {
      id: 'id',
      companyId: 'company_id',
      customerId: 'customer_id',
      number: 'number',
      issuedOn: 'issued_on',
      dueOn: 'due_on',
      status: 'status',
      totalCents: 'total_cents',
      taxCents: 'tax_cents',
      taxRateName: 'tax_rate_name',
      updatedAt: 'updated_at',
    },
  },
  invoiceLines: {
    table: 'invoice_lines',
    columns: {
      id: 'id',
      invoiceId: 'invoice_id',
      catalogItemId: 'catalog_item_id',
      description: 'description',
      quantity: 'quantity',
      unitPriceCents: 'unit_price_cents',
      amountCents: 'amount_cents',
      taxable: 'taxable',
    },
  },
  payments: {
    table: 'payments',
    columns: {
      id: 'id',
      companyId: 'company_id',
      customerId: 'customer_id',
      invoiceId: 'invoice_id',
      amountCents: 'amount_cents',
      method: 'method',
      receivedOn: 'received_on',
      reference: 'reference',
      deletedAt: 'deleted_at',
      updatedAt: 'updated_at',
    },
  },
  refunds: {
    table: 'refunds',
    columns: {
      id: 'id',
      companyId: 'company_id',
      paymentId: 'payment_id',
      amountCents: 'amount_cents',
      refundedOn: 'refunded_on',
      reason: 'reason',
      updatedAt: 'updated_at',
    },
  },
  payouts: {
    table: 'payouts',
    columns: {
      id: 'id',
      companyId: 'company_id',
      paidOn: 'paid_on',
      grossCents: 'gross_cents',
      feeCents: 'fee_cents',
      netCents: 'net_cents',
      reference: 'reference',
      deletedAt: 'deleted_at',
      updatedAt: 'updated_at',
    },
  },
  payoutPayments: {
    table: 'payout_payments',
    columns: {
      payoutId: 'payout_id',
      paymentId: 'payment_id',
    },
  },
};

const validName = /^[A-Za-z_][A-Za-z0-9_$.]{0,127}$/;

const checkName = (where: string, name: unknown): void => {
  if (typeof name !== 'string' || !validName.test(name)) {
    throw new Error(`hostSchema.${where} must be a table or column name (letters, digits, _ $ .); got ${JSON.stringify(name)}`);
  }
};

/** The host's override deep-merged over the reference schema; a name that is not a plain identifier throws. */
export const resolveHostSchema = (override: HostSchemaOverride = {}): HostSchema => {
  const merged = {} as Record<string, { table: string; columns: Record<string, string> }>;
  for (const [entity, base] of Object.entries(defaultHostSchema) as [keyof HostSchema, HostSchema[keyof HostSchema]][]) {
    const part = override[entity] ?? {};
    const unknownColumns = Object.keys(part.columns ?? {}).filter((column) => !(column in base.columns));
    if (unknownColumns.length > 0) throw new Error(`hostSchema.${entity}.columns has unknown keys: ${unknownColumns.join(', ')}`);
    const table = part.table ?? base.table;
    const columns = { ...base.columns, ...(part.columns ?? {}) } as Record<string, string>;
    checkName(`${entity}.table`, table);
    for (const [key, name] of Object.entries(columns)) checkName(`${entity}.columns.${key}`, name);
    merged[entity] = { table, columns };
  }
  const unknownEntities = Object.keys(override).filter((entity) => !(entity in defaultHostSchema));
  if (unknownEntities.length > 0) throw new Error(`hostSchema has unknown tables: ${unknownEntities.join(', ')}`);
  return merged as unknown as HostSchema;
};
