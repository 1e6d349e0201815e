import type { Result } from '../../domain/shared/result';
import type { ApplicationError } from '../application-error';
import type { Clock } from '../ports/clock.port';

type Read = Promise<Result<unknown, ApplicationError>>;

/** How long a QBO list read for the admin's page is reused. */
export const pageReadTtlMs = 10_000;

/**
 * The live QBO reads behind the admin's page (match, accounts, pre-flight), shared and kept briefly per tenant: any
 * number of page loads at once cost one read, and refreshing a page never spends the company's QBO budget that its
 * sync needs. A failed read is not kept. Writes that change what the page shows (import, settings, a new connection)
 * forget the tenant's reads. Never used by the sync itself, which always reads QBO as it is.
 */
export class QboPageReads {
  private readonly reads = new Map<string, Map<string, { readonly at: number; readonly value: Read }>>();
  private lastSweep = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = pageReadTtlMs,
  ) {}

  read<T>(tenantId: string, what: string, load: () => Promise<Result<T, ApplicationError>>): Promise<Result<T, ApplicationError>> {
    const now = this.clock.now();
    this.sweep(now);
    const tenant = this.reads.get(tenantId) ?? new Map<string, { at: number; value: Read }>();
    this.reads.set(tenantId, tenant);
    const kept = tenant.get(what);
    if (kept && now - kept.at < this.ttlMs) return kept.value as Promise<Result<T, ApplicationError>>;
    const value = load().then((result) => {
      if (!result.ok && tenant.get(what)?.value === value) tenant.delete(what);
      return result;
    }, (error: unknown) => {
      if (tenant.get(what)?.value === value) tenant.delete(what);
      throw error;
    });
    tenant.set(what, { at: now, value });
    return value;
  }

  forget(tenantId: string): void {
    this.reads.delete(tenantId);
  }

  /** Drops what expired, at most once per lifetime, so tenants that stopped looking free their memory. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.ttlMs) return;
    this.lastSweep = now;
    for (const [tenantId, tenant] of this.reads) {
      for (const [what, kept] of tenant) if (now - kept.at >= this.ttlMs) tenant.delete(what);
      if (tenant.size === 0) this.reads.delete(tenantId);
    }
  }
}
