import { randomUUID } from 'node:crypto';
import type { HeldToken, TenantLease } from '../../application/ports/tenant-lease.port';

export class InMemoryTenantLease implements TenantLease {
  private readonly leases = new Map<string, { owner: string; token: string; expiresAt: number }>();

  async acquire(tenantId: string, owner: string, now: number, leaseMs: number): Promise<string | null> {
    const held = this.leases.get(tenantId);
    if (held && held.expiresAt > now && held.owner !== owner) return null;
    const token = randomUUID();
    this.leases.set(tenantId, { owner, token, expiresAt: now + leaseMs });
    return token;
  }

  async renew(tenantId: string, token: string, now: number, leaseMs: number): Promise<boolean> {
    const held = this.leases.get(tenantId);
    if (!held || held.token !== token) return false;
    held.expiresAt = now + leaseMs;
    return true;
  }

  async renewMany(leases: readonly HeldToken[], now: number, leaseMs: number): Promise<ReadonlySet<string>> {
    const kept = new Set<string>();
    for (const { tenantId, token } of leases) if (await this.renew(tenantId, token, now, leaseMs)) kept.add(token);
    return kept;
  }

  async release(tenantId: string, token: string): Promise<void> {
    if (this.leases.get(tenantId)?.token === token) this.leases.delete(tenantId);
  }

  async heldByOthers(owner: string, now: number): Promise<ReadonlySet<string>> {
    return new Set([...this.leases].filter(([, held]) => held.expiresAt > now && held.owner !== owner).map(([tenantId]) => tenantId));
  }

  async othersHolding(owner: string, now: number, ownerPrefix: string): Promise<number> {
    return new Set([...this.leases.values()].filter((held) => held.expiresAt > now && held.owner !== owner && held.owner.startsWith(ownerPrefix)).map((held) => held.owner)).size;
  }
}
