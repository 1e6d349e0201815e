import type { Knex } from 'knex';

/**
 * The reference host's own tables (DESIGN.md §4), for the demo and the tests. Not part of the plugin: a real host
 * already has its tables. Money is integer cents; `company_id` is the tenant; `updated_at` is kept by whoever writes.
 */
export const referenceHostTables = ['payout_payments', 'payouts', 'refunds', 'payments', 'invoice_lines', 'invoices', 'catalog_items', 'customers'] as const;

export const createReferenceHostTables = async (knex: Knex): Promise<void> => {
  const create = async (name: string, build: (table: Knex.CreateTableBuilder) => void): Promise<void> => {
    if (!(await knex.schema.hasTable(name))) await knex.schema.createTable(name, build);
  };

  await create('customers', (table) => {
    table.increments('id').primary();
    table.string('company_id', 100).notNullable().index();
    table.string('first_name', 100).notNullable();
    table.string('last_name', 100).notNullable();
    table.string('company_name', 200).nullable();
    table.boolean('display_as_company').notNullable().defaultTo(false);
    table.string('email', 200).nullable();
    table.string('phone', 50).nullable();
    table.string('street', 200).nullable();
    table.string('city', 100).nullable();
    table.string('state', 50).nullable();
    table.string('zip', 20).nullable();
    table.boolean('is_active').notNullable().defaultTo(true);
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.datetime('updated_at', { precision: 3 }).notNullable().index();
  });

  await create('catalog_items', (table) => {
    table.increments('id').primary();
    table.string('company_id', 100).notNullable().index();
    table.string('kind', 32).notNullable();
    table.string('name', 200).notNullable();
    table.text('description').nullable();
    table.integer('unit_price_cents').notNullable();
    table.string('sku', 100).nullable();
    table.boolean('is_active').notNullable().defaultTo(true);
    table.datetime('updated_at', { precision: 3 }).notNullable().index();
  });

  await create('invoices', (table) => {
    table.increments('id').primary();
    table.string('company_id', 100).notNullable().index();
    table.integer('customer_id').unsigned().notNullable();
    table.string('number', 50).notNullable();
    table.date('issued_on').notNullable();
    table.date('due_on').nullable();
    table.string('status', 16).notNullable();
    table.bigInteger('total_cents').notNullable();
    table.bigInteger('tax_cents').notNullable().defaultTo(0);
    table.string('tax_rate_name', 100).nullable();
    table.datetime('updated_at', { precision: 3 }).notNullable().index();
  });

  await create('invoice_lines', (table) => {
    table.increments('id').primary();
    table.integer('invoice_id').unsigned().notNullable().index();
    table.integer('catalog_item_id').unsigned().nullable();
    table.string('description', 500).notNullable();
    table.decimal('quantity', 12, 4).notNullable();
    table.integer('unit_price_cents').notNullable();
    table.bigInteger('amount_cents').notNullable();
    table.boolean('taxable').notNullable().defaultTo(false);
  });

  await create('payments', (table) => {
    table.increments('id').primary();
    table.string('company_id', 100).notNullable().index();
    table.integer('customer_id').unsigned().notNullable();
    table.integer('invoice_id').unsigned().nullable().index();
    table.bigInteger('amount_cents').notNullable();
    table.string('method', 32).notNullable();
    table.date('received_on').notNullable();
    table.string('reference', 100).nullable();
    table.datetime('deleted_at', { precision: 3 }).nullable();
    table.datetime('updated_at', { precision: 3 }).notNullable().index();
  });

  await create('refunds', (table) => {
    table.increments('id').primary();
    table.string('company_id', 100).notNullable().index();
    table.integer('payment_id').unsigned().notNullable().index();
    table.bigInteger('amount_cents').notNullable();
    table.date('refunded_on').notNullable();
    table.string('reason', 500).nullable();
    table.datetime('updated_at', { precision: 3 }).notNullable().index();
  });

  await create('payouts', (table) => {
    table.increments('id').primary();
    table.string('company_id', 100).notNullable().index();
    table.date('paid_on').notNullable();
    table.bigInteger('gross_cents').notNullable();
    table.bigInteger('fee_cents').notNullable();
    table.bigInteger('net_cents').notNullable();
    table.string('reference', 100).nullable();
    table.datetime('deleted_at', { precision: 3 }).nullable();
    table.datetime('updated_at', { precision: 3 }).notNullable().index();
  });

  await create('payout_payments', (table) => {
    table.integer('payout_id').unsigned().notNullable();
    table.integer('payment_id').unsigned().notNullable().index();
    table.primary(['payout_id', 'payment_id']);
  });

  // Databases made before sales tax: the new columns are added, existing rows read as untaxed.
  const addColumn = async (name: string, column: string, build: (table: Knex.AlterTableBuilder) => void): Promise<void> => {
    if (!(await knex.schema.hasColumn(name, column))) await knex.schema.alterTable(name, build);
  };
  await addColumn('invoices', 'tax_cents', (table) => table.bigInteger('tax_cents').notNullable().defaultTo(0));
  await addColumn('invoices', 'tax_rate_name', (table) => table.string('tax_rate_name', 100).nullable());
  await addColumn('invoice_lines', 'taxable', (table) => table.boolean('taxable').notNullable().defaultTo(false));
};

export const dropReferenceHostTables = async (knex: Knex): Promise<void> => {
  for (const name of referenceHostTables) await knex.schema.dropTableIfExists(name);
};
