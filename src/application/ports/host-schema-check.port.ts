/** One thing in the host's database the mapping cannot read exactly: where, and what to do. */
export interface HostSchemaProblem {
  readonly table: string;
  /** null when the whole table is the problem. */
  readonly column: string | null;
  /** One sentence naming the table, the column and the fix. */
  readonly message: string;
}

/**
 * Checks the host-schema mapping against the live database (DESIGN.md §3 invariant 9): every mapped table and column
 * exists, money columns have the mapped unit's type, flag and enum columns hold only mapped values. A host that bound
 * its own HostDirectory has no mapping to check: its adapter answers for itself (the contract suites).
 */
export const HostSchemaCheck = Symbol('qbo-sync.HostSchemaCheck');
export interface HostSchemaCheck {
  /** Every problem, across all tenants, or only in `tenantId`'s rows for the value checks. */
  problems(tenantId?: string): Promise<readonly HostSchemaProblem[]>;
}

/** The check of a host that reads its tables through its own adapter. */
export const noHostSchemaCheck: HostSchemaCheck = { problems: async () => [] };
