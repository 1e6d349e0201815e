import type { Knex } from 'knex';
import type { HostSchemaOverride } from '../../src/adapters/knex/host/host-schema';

/**
 * A pool-service app that looks nothing like the reference schema (DESIGN.md §4): UUID keys for records and
 * companies, one full-name column with a business flag, DECIMAL dollars, status and category enums, invoice states,
 * one ledger table for payments, credits and refunds with a type column, and no address or SKU at all.
 * Not part of the plugin: it shows a host reading its own tables through `hostSchema` alone.
 */
export const aquaHostTables = ['aqua_payout_entries', 'aqua_payouts', 'aqua_ledger', 'aqua_bill_lines', 'aqua_bills', 'aqua_catalog', 'aqua_clients'] as const;

export const createAquaHostTables = async (knex: Knex): Promise<void> => {
  const create = async (name: string, build: (table: Knex.CreateTableBuilder) => void): Promise<void> => {
    if (!(await knex.schema.hasTable(name))) await knex.schema.createTable(name, build);
  };
  await createAquaPayoutTables(knex);
  await create('aqua_clients', (t) => {
    t.uuid('uuid').primary();
    t.uuid('org_uuid').notNullable().index();
    t.string('full_name', 200).notNullable();
    t.string('is_business', 1).notNullable().defaultTo('N');
    t.string('email', 200).nullable();
    t.string('mobile', 50).nullable();
    t.enum('status', ['active', 'inactive', 'deleted']).notNullable().defaultTo('active');
    t.datetime('changed_at', { precision: 3 }).notNullable().index();
  });
  await create('aqua_catalog', (t) => {
    t.uuid('uuid').primary();
    t.uuid('org_uuid').notNullable().index();
    t.string('category', 32).notNullable();
    t.string('title', 200).notNullable();
    t.text('notes').nullable();
    t.decimal('price', 12, 2).notNullable();
    t.enum('status', ['active', 'inactive', 'deleted']).notNullable().defaultTo('active');
    t.datetime('changed_at', { precision: 3 }).notNullable().index();
  });
  await create('aqua_bills', (t) => {
    t.uuid('uuid').primary();
    t.uuid('org_uuid').notNullable().index();
    t.uuid('client_uuid').notNullable();
    t.string('bill_no', 50).notNullable();
    t.date('billed_on').notNullable();
    t.date('due_on').nullable();
    t.string('state', 16).notNullable();
    t.decimal('total', 12, 2).notNullable();
    t.datetime('changed_at', { precision: 3 }).notNullable().index();
  });
  await create('aqua_bill_lines', (t) => {
    t.uuid('uuid').primary();
    t.uuid('bill_uuid').notNullable().index();
    t.uuid('catalog_uuid').nullable();
    t.string('label', 500).notNullable();
    t.decimal('qty', 12, 3).notNullable();
    t.decimal('rate', 12, 2).notNullable();
    t.decimal('line_total', 12, 2).notNullable();
  });
  await create('aqua_ledger', (t) => {
    t.uuid('uuid').primary();
    t.uuid('org_uuid').notNullable().index();
    t.string('entry_type', 16).notNullable();
    t.uuid('client_uuid').nullable();
    t.uuid('bill_uuid').nullable();
    t.uuid('refund_of').nullable();
    t.decimal('amount', 12, 2).notNullable();
    t.string('tender', 32).nullable();
    t.date('posted_on').notNullable();
    t.string('memo', 200).nullable();
    t.datetime('voided_at', { precision: 3 }).nullable();
    t.datetime('changed_at', { precision: 3 }).notNullable().index();
  });
};

export const createAquaPayoutTables = async (knex: Knex): Promise<void> => {
  if (!(await knex.schema.hasTable('aqua_payouts'))) {
    await knex.schema.createTable('aqua_payouts', (t) => {
      t.uuid('uuid').primary();
      t.uuid('org_uuid').notNullable().index();
      t.date('settled_on').notNullable();
      t.decimal('gross', 12, 2).notNullable();
      t.decimal('fee', 12, 2).notNullable();
      t.decimal('net', 12, 2).notNullable();
      t.string('batch_ref', 100).nullable();
      t.datetime('voided_at', { precision: 3 }).nullable();
      t.datetime('changed_at', { precision: 3 }).notNullable().index();
    });
  }
  if (!(await knex.schema.hasTable('aqua_payout_entries'))) {
    await knex.schema.createTable('aqua_payout_entries', (t) => {
      t.uuid('payout_uuid').notNullable().index();
      t.uuid('ledger_uuid').notNullable().index();
    });
  }
};

export const dropAquaHostTables = async (knex: Knex): Promise<void> => {
  for (const name of aquaHostTables) await knex.schema.dropTableIfExists(name);
};

const status = { active: true, inactive: false, deleted: false };

/** The whole mapping: everything the aqua app does differently, said declaratively. */
export const aquaHostSchema: HostSchemaOverride = {
  customers: {
    table: 'aqua_clients',
    newId: 'uuid',
    columns: {
      id: 'uuid', companyId: 'org_uuid', fullName: 'full_name', displayAsCompany: { column: 'is_business', values: { Y: true, N: false } },
      email: 'email', phone: 'mobile', street: null, city: null, state: null, zip: null,
      isActive: { column: 'status', values: status }, createdAt: null, updatedAt: 'changed_at',
    },
  },
  catalogItems: {
    table: 'aqua_catalog',
    newId: 'uuid',
    columns: {
      id: 'uuid', companyId: 'org_uuid', name: 'title', description: 'notes', sku: null, updatedAt: 'changed_at',
      kind: { column: 'category', values: { chemical: 'dosage', equipment: 'product', service: 'pool_service', repair: 'work_order_type', gift_card: null } },
      unitPriceCents: { column: 'price', unit: 'dollars' },
      isActive: { column: 'status', values: status },
    },
  },
  invoices: {
    table: 'aqua_bills',
    columns: {
      id: 'uuid', companyId: 'org_uuid', customerId: 'client_uuid', number: 'bill_no', issuedOn: 'billed_on', dueOn: 'due_on', updatedAt: 'changed_at',
      status: { column: 'state', values: { draft: 'draft', open: 'sent', paid: 'paid', cancelled: 'void' } },
      totalCents: { column: 'total', unit: 'dollars' },
      taxCents: null, taxRateName: null,
    },
  },
  invoiceLines: {
    table: 'aqua_bill_lines',
    columns: {
      id: 'uuid', invoiceId: 'bill_uuid', catalogItemId: 'catalog_uuid', description: 'label', quantity: 'qty',
      unitPriceCents: { column: 'rate', unit: 'dollars' }, amountCents: { column: 'line_total', unit: 'dollars' }, taxable: null,
    },
  },
  payments: {
    table: 'aqua_ledger',
    filter: { entry_type: ['payment', 'credit'] },
    columns: {
      id: 'uuid', companyId: 'org_uuid', customerId: 'client_uuid', invoiceId: 'bill_uuid', amountCents: { column: 'amount', unit: 'dollars' },
      method: 'tender', receivedOn: 'posted_on', reference: 'memo', deletedAt: 'voided_at', updatedAt: 'changed_at',
    },
  },
  refunds: {
    table: 'aqua_ledger',
    filter: { entry_type: 'refund' },
    columns: { id: 'uuid', companyId: 'org_uuid', paymentId: 'refund_of', amountCents: { column: 'amount', unit: 'dollars' }, refundedOn: 'posted_on', reason: 'memo', updatedAt: 'changed_at' },
  },
  payouts: {
    table: 'aqua_payouts',
    columns: {
      id: 'uuid', companyId: 'org_uuid', paidOn: 'settled_on', grossCents: { column: 'gross', unit: 'dollars' }, feeCents: { column: 'fee', unit: 'dollars' },
      netCents: { column: 'net', unit: 'dollars' }, reference: 'batch_ref', deletedAt: 'voided_at', updatedAt: 'changed_at',
    },
  },
  payoutPayments: { table: 'aqua_payout_entries', columns: { payoutId: 'payout_uuid', paymentId: 'ledger_uuid' } },
};
