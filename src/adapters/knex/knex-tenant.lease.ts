import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { HeldToken, TenantLease } from '../../application/ports/tenant-lease.port';
import { retryOnLockConflict } from './knex-dialect';
import { pluginTables } from './plugin-tables';

/** What a released lease's row holds: expired since the epoch, and a token no holder has (tokens are UUIDs). */
const released = { token: '', expires_at: 0 } as const;
/** Leases renewed by one statement: two placeholders each, far below every driver's limit. */
const renewChunk = 500;

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

  /**
   * One `UPDATE` for a chunk of leases (ADR 0082). When it changed fewer rows than it named, one read says which
   * tokens are still there: a lease taken over has another token, so only the holder's own rows match.
   */
  async renewMany(leases: readonly HeldToken[], now: number, leaseMs: number): Promise<ReadonlySet<string>> {
    const kept = new Set<string>();
    for (let from = 0; from < leases.length; from += renewChunk) {
      const pairs = leases.slice(from, from + renewChunk).map((lease) => [lease.tenantId, lease.token]);
      const renewed = await retryOnLockConflict(() => this.knex(this.table).whereIn(['tenant_id', 'token'], pairs).update({ expires_at: now + leaseMs }));
      const tokens = renewed === pairs.length
        ? pairs.map(([, token]) => token as string)
        : ((await this.knex(this.table).select('token').whereIn(['tenant_id', 'token'], pairs)) as { token: string }[]).map((row) => row.token);
      for (const token of tokens) kept.add(token);
    }
    return kept;
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

  /** The same index range as `heldByOthers`, its few distinct owners read and those of the prefix counted (no LIKE to escape). */
  async othersHolding(owner: string, now: number, ownerPrefix: string): Promise<number> {
    const rows = (await this.knex(this.table).distinct('owner').where('expires_at', '>', now).andWhereNot({ owner })) as { owner: string }[];
    return rows.filter((row) => row.owner.startsWith(ownerPrefix)).length;
  }
}
