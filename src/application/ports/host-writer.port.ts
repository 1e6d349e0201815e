import type { HostCatalogItem, HostCustomer } from '../../domain/host/host-records';

/** The one way data enters the host: the admin's explicit import at set-up (DESIGN.md §3 invariant 1). */
export const HostWriter = Symbol('qbo-sync.HostWriter');
export interface HostWriter {
  /** Inserts the customers and returns their new host ids, in the same order. */
  insertCustomers(tenantId: string, customers: readonly Omit<HostCustomer, 'id'>[]): Promise<readonly string[]>;
  insertItems(tenantId: string, items: readonly Omit<HostCatalogItem, 'id'>[]): Promise<readonly string[]>;
}
