import type { Knex } from 'knex';
import { ReferenceHostSeeder } from '../reference-host/reference-host-seed';

/**
 * Blue Lagoon Pool Service, a small pool-service company whose data shows every set-up case once the emulator's
 * QuickBooks company is seeded too (demo-qbo-seed.ts): an exact match (Maria Lopez), a near match (The Smiths here,
 * John and Jane Smith in QBO), QBO-only customers and items, a status mismatch (Dana Whitfield is inactive in QBO),
 * a duplicate (Tom and Thomas Baker share an e-mail) and a customer with an account credit (Sunset Villas HOA).
 */
export const demoTenantId = '1';

const customers = [
  { firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez@example.com', phone: '813-555-0100', street: '12 Palm Way', city: 'Tampa', state: 'FL', zip: '33601' },
  { firstName: 'The', lastName: 'Smiths', email: 'smiths@example.com', phone: '813-555-0142', street: '48 Coral Ave', city: 'Tampa', state: 'FL', zip: '33602' },
  { firstName: 'Dana', lastName: 'Whitfield', email: 'dana@example.com', phone: '813-555-0175', street: '7 Bayshore Blvd', city: 'Tampa', state: 'FL', zip: '33606' },
  { firstName: 'Tom', lastName: 'Baker', email: 'tom.baker@example.com', phone: '813-555-0190', street: '301 Lake Dr', city: 'Clearwater', state: 'FL', zip: '33755' },
  { firstName: 'Thomas', lastName: 'Baker', email: 'tom.baker@example.com', phone: '813-555-0191', street: '301 Lake Dr', city: 'Clearwater', state: 'FL', zip: '33755' },
  { firstName: 'Grace', lastName: 'Nguyen', companyName: 'Sunset Villas HOA', displayAsCompany: true, email: 'board@sunsetvillas.example', phone: '727-555-0111', street: '900 Gulf Blvd', city: 'St Pete Beach', state: 'FL', zip: '33706' },
] as const;

const items = [
  { kind: 'product', name: 'Chlorine tablets 3in', description: '25 lb bucket', unitPriceCents: 8999, sku: 'CHL-3IN-25' },
  { kind: 'dosage', name: 'Liquid chlorine dose', description: 'Per gallon added', unitPriceCents: 650 },
  { kind: 'pool_service', name: 'Weekly pool service', description: 'Skim, brush, vacuum, chemistry', unitPriceCents: 4500, sku: 'SVC-WEEKLY' },
  { kind: 'work_order_type', name: 'Green-to-clean', description: 'Algae recovery', unitPriceCents: 35000, sku: 'WO-GREEN' },
] as const;

/** Seeds the host's tables once (false when the company already has customers). */
export const seedDemoHost = async (knex: Knex): Promise<boolean> => {
  const existing = await knex('customers').where({ company_id: demoTenantId }).first();
  if (existing) return false;
  await knex.transaction(async (trx) => {
    const seeder = new ReferenceHostSeeder(trx);
    const ids: string[] = [];
    for (const customer of customers) ids.push(await seeder.customer(demoTenantId, customer));
    for (const item of items) await seeder.item(demoTenantId, item);
    // A payment with no invoice is an account credit: the pre-flight warns that existing credits are not carried over.
    await seeder.payment(demoTenantId, { customerId: ids[5]!, amountCents: 15000, method: 'check', reference: 'Prepaid season', receivedOn: '2026-01-10' });
  });
  return true;
};
