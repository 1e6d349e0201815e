import type { Knex } from 'knex';
import { centsToDecimalDollars, HostWriteRefused, type HostCatalogItem, type HostCustomer, type HostWriter } from '../../src/plugin';
import { aquaCategoryOfKind } from './aqua-host-rows';
import { aquaUuid } from './aqua-ids';

/** Column widths of the aqua tables: a longer value is refused with the column named, never cut. */
const widths = { full_name: 200, email: 200, mobile: 50, title: 200 } as const;

const fits = (table: string, column: keyof typeof widths, value: string | null): string | null => {
  if (value !== null && value.length > widths[column]) {
    throw new HostWriteRefused(`${table}.${column} holds at most ${widths[column]} characters; "${value.slice(0, 40)}…" has ${value.length}.`, table, column);
  }
  return value;
};

/**
 * The aqua app's own HostWriter (the set-up import): host-generated time-ordered UUIDs, one full-name column, DECIMAL
 * dollars, status and category enums. All or nothing: one transaction per import.
 */
export class AquaHostWriter implements HostWriter {
  constructor(
    private readonly knex: Knex,
    private readonly now: () => number = Date.now,
  ) {}

  async insertCustomers(tenantId: string, customers: readonly Omit<HostCustomer, 'id'>[]): Promise<readonly string[]> {
    const changedAt = new Date(this.now());
    const rows = customers.map((customer) => {
      const fullName = customer.displayAsCompany ? (customer.companyName ?? '') : `${customer.firstName} ${customer.lastName}`;
      if (fullName.trim() === '') throw new HostWriteRefused('aqua_clients.full_name cannot be empty: the QuickBooks customer has no name to keep.', 'aqua_clients', 'full_name');
      return {
        uuid: aquaUuid(),
        org_uuid: tenantId,
        full_name: fits('aqua_clients', 'full_name', fullName.trim()),
        is_business: customer.displayAsCompany ? 'Y' : 'N',
        email: fits('aqua_clients', 'email', customer.email),
        mobile: fits('aqua_clients', 'mobile', customer.phone),
        status: customer.isActive ? 'active' : 'inactive',
        changed_at: changedAt,
      };
    });
    return this.insert('aqua_clients', rows);
  }

  async insertItems(tenantId: string, items: readonly Omit<HostCatalogItem, 'id'>[]): Promise<readonly string[]> {
    const changedAt = new Date(this.now());
    const rows = items.map((item) => ({
      uuid: aquaUuid(),
      org_uuid: tenantId,
      category: aquaCategoryOfKind(item.kind),
      title: fits('aqua_catalog', 'title', item.name),
      notes: item.description,
      price: centsToDecimalDollars(item.unitPriceCents),
      status: item.isActive ? 'active' : 'inactive',
      changed_at: changedAt,
    }));
    return this.insert('aqua_catalog', rows);
  }

  private async insert(table: string, rows: ReadonlyArray<{ readonly uuid: string }>): Promise<readonly string[]> {
    if (rows.length === 0) return [];
    await this.knex.transaction(async (trx) => {
      for (let i = 0; i < rows.length; i += 200) await trx(table).insert(rows.slice(i, i + 200));
    });
    return rows.map((row) => row.uuid);
  }
}
