/** One lease as its holder knows it. */
export interface HeldToken {
  readonly tenantId: string;
  readonly token: string;
}

/**
 * One worker at a time drives each tenant's QBO company: it keeps per-record order and the realm's rate
 * limits true across every host instance. The token fences a worker whose lease expired.
 */
export const TenantLease = Symbol('qbo-sync.TenantLease');
export interface TenantLease {
  /** A lease token when `owner` now holds the tenant until `now + leaseMs`, else null. */
  acquire(tenantId: string, owner: string, now: number, leaseMs: number): Promise<string | null>;
  renew(tenantId: string, token: string, now: number, leaseMs: number): Promise<boolean>;
  /**
   * `renew` for every lease a process holds, in one write (ADR 0082): the tokens still held, now until `now + leaseMs`.
   * A process's heartbeat then costs one statement per beat, not one per company it drives; an adapter without it is
   * renewed lease by lease.
   */
  renewMany?(leases: readonly HeldToken[], now: number, leaseMs: number): Promise<ReadonlySet<string>>;
  release(tenantId: string, token: string): Promise<void>;
  /**
   * The tenants whose lease an owner other than `owner` holds at `now`, in one read. The worker leaves them out of
   * what its lanes take instead of asking for each lease (ADR 0076); an adapter without it lets the worker ask.
   */
  heldByOthers?(owner: string, now: number): Promise<ReadonlySet<string>>;
  /**
   * How many owners other than `owner` whose names start with `ownerPrefix` hold a lease at `now`: with the delivery
   * workers' prefix, the other workers driving companies, not an initial sync or an import holding one company. The
   * worker shares its lanes with them (ADR 0087); an adapter without it leaves every process all its lanes.
   */
  othersHolding?(owner: string, now: number, ownerPrefix: string): Promise<number>;
}
