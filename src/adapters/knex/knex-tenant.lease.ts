import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { TenantLease } from '../../application/ports/tenant-lease.port';
import { retryOnLockConflict } from './knex-dialect';
import { pluginTables } from './plugin-tables';

/** What a released lease's row holds: expired since the epoch, and a token no holder has (tokens are UUIDs). */
const released = { token: '', expires_at: 0 } as const;

/**
 * One lease row per tenant; every change is a conditional write, so the database decides who holds it. Release
 * expires the row instead of deleting it (ADR 0081), so taking a tenant seen before is one `UPDATE`; only a tenant's
 * first lease inserts its row.
 */
export class KnexTenantLease implements TenantLease {
  private readonly table: string;

  constructor(private readonly knex: Knex, prefix: string) {
    this.table = pluginTables(prefix).leases;
  }

  async acquire(tenantId: string, owner: string, now: number, leaseMs: number): Promise<string | null> {
    const token = randomUUID();
    const lease = { owner, token, expires_at: now + leaseMs };
    // Take over an expired or released lease, or extend our own (a new token fences whatever we held before).
    const taken = await retryOnLockConflict(() =>
      this.knex(this.table)
        .where({ tenant_id: tenantId })
        .andWhere((q) => q.where('expires_at', '<=', now).orWhere({ owner }))
        .update(lease),
    );
    if (taken === 1) return token;
    // Another holder's row (the usual reason), or none yet: a company's first lease inserts it.
    if ((await this.tokenOf(tenantId)) !== undefined) return null;
    // The primary key lets exactly one of several concurrent inserts through.
    await retryOnLockConflict(() => this.knex(this.table).insert({ tenant_id: tenantId, ...lease }).onConflict('tenant_id').ignore());
    return (await this.tokenOf(tenantId)) === token ? token : null;
  }

  async renew(tenantId: string, token: string, now: number, leaseMs: number): Promise<boolean> {
    const renewed = await retryOnLockConflict(() =>
      this.knex(this.table).where({ tenant_id: tenantId, token }).update({ expires_at: now + leaseMs }),
    );
    return renewed === 1;
  }

  async release(tenantId: string, token: string): Promise<void> {
    await retryOnLockConflict(() => this.knex(this.table).where({ tenant_id: tenantId, token }).update(released));
  }

  private async tokenOf(tenantId: string): Promise<string | undefined> {
    const row: { token: string } | undefined = await this.knex(this.table).select('token').where({ tenant_id: tenantId }).first();
    return row?.token;
  }

  /** An index range over the leases still running: released and expired rows stay in the table but are never read. */
  async heldByOthers(owner: string, now: number): Promise<ReadonlySet<string>> {
    const rows = (await this.knex(this.table).select('tenant_id').where('expires_at', '>', now).andWhereNot({ owner })) as { tenant_id: string }[];
    return new Set(rows.map((row) => row.tenant_id));
  }
}
