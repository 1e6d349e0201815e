import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { TenantLease } from '../../application/ports/tenant-lease.port';
import { retryOnLockConflict } from './knex-dialect';
import { pluginTables } from './plugin-tables';

/** One lease row per tenant; every change is a conditional write, so the database decides who holds it. */
export class KnexTenantLease implements TenantLease {
  private readonly table: string;

  constructor(private readonly knex: Knex, prefix: string) {
    this.table = pluginTables(prefix).leases;
  }

  async acquire(tenantId: string, owner: string, now: number, leaseMs: number): Promise<string | null> {
    const token = randomUUID();
    const lease = { owner, token, expires_at: now + leaseMs };
    // Take over an expired lease, or extend our own (a new token fences whatever we held before).
    const taken = await retryOnLockConflict(() =>
      this.knex(this.table)
        .where({ tenant_id: tenantId })
        .andWhere((q) => q.where('expires_at', '<=', now).orWhere({ owner }))
        .update(lease),
    );
    if (taken === 1) return token;
    // No row yet: the primary key lets exactly one of several concurrent inserts through.
    await retryOnLockConflict(() => this.knex(this.table).insert({ tenant_id: tenantId, ...lease }).onConflict('tenant_id').ignore());
    const row: { token: string } | undefined = await this.knex(this.table).select('token').where({ tenant_id: tenantId }).first();
    return row?.token === token ? token : null;
  }

  async renew(tenantId: string, token: string, now: number, leaseMs: number): Promise<boolean> {
    const renewed = await retryOnLockConflict(() =>
      this.knex(this.table).where({ tenant_id: tenantId, token }).update({ expires_at: now + leaseMs }),
    );
    return renewed === 1;
  }

  async release(tenantId: string, token: string): Promise<void> {
    await retryOnLockConflict(() => this.knex(this.table).where({ tenant_id: tenantId, token }).delete());
  }

  /** A plain read of a small table: a lease row lives only while its round, sync or import runs (release deletes it). */
  async heldByOthers(owner: string, now: number): Promise<ReadonlySet<string>> {
    const rows = (await this.knex(this.table).select('tenant_id').where('expires_at', '>', now).andWhereNot({ owner })) as { tenant_id: string }[];
    return new Set(rows.map((row) => row.tenant_id));
  }
}
