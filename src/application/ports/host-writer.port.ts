import type { HostCatalogItem, HostCustomer } from '../../domain/host/host-records';

/** The one way data enters the host: the admin's explicit import at set-up (DESIGN.md §3 invariant 1). */
export const HostWriter = Symbol('qbo-sync.HostWriter');
export interface HostWriter {
  /** Inserts the customers and returns their new host ids, in the same order; all or nothing. */
  insertCustomers(tenantId: string, customers: readonly Omit<HostCustomer, 'id'>[]): Promise<readonly string[]>;
  insertItems(tenantId: string, items: readonly Omit<HostCatalogItem, 'id'>[]): Promise<readonly string[]>;
}

/**
 * The host's database (or the mapping) refused an imported record: thrown by a HostWriter so the admin is told which
 * host table and column refused what (nothing of that import is kept). Any other error is a fault of the plugin.
 */
export class HostWriteRefused extends Error {
  override readonly name = 'HostWriteRefused';
  constructor(
    /** Plain words for the admin: the table, the column, the value and why. */
    message: string,
    readonly table: string,
    readonly column: string | null,
  ) {
    super(message);
  }
}
