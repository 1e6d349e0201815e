import { Clock } from '../../application/ports/clock.port';
import type { HostWriter } from '../../application/ports/host-writer.port';
import type { HostCatalogItem, HostCustomer } from '../../domain/host/host-records';
import { InMemoryHostDirectory } from './in-memory-host.directory';

/** Inserts into the in-memory host, so an import is visible to the directory at once. */
export class InMemoryHostWriter implements HostWriter {
  constructor(
    private readonly host: InMemoryHostDirectory,
    private readonly clock: Clock,
  ) {}

  async insertCustomers(tenantId: string, customers: readonly Omit<HostCustomer, 'id'>[]): Promise<readonly string[]> {
    return customers.map((customer) => {
      const id = this.host.nextId();
      this.host.putCustomer(tenantId, { ...customer, id }, this.clock.now());
      return id;
    });
  }

  async insertItems(tenantId: string, items: readonly Omit<HostCatalogItem, 'id'>[]): Promise<readonly string[]> {
    for (const item of items) {
      if (!Number.isSafeInteger(item.unitPriceCents)) throw new RangeError(`Item "${item.name}" has a price that is not whole cents.`);
    }
    return items.map((item) => {
      const id = this.host.nextId();
      this.host.putItem(tenantId, { ...item, id }, this.clock.now());
      return id;
    });
  }
}
