import type { HostRecordKind } from '../../domain/host/host-records';
import { ok, type Result } from '../../domain/shared/result';
import type { ApplicationError } from '../application-error';
import type { HostDirectory } from '../ports/host-directory.port';
import type { HostSchemaCheck, HostSchemaProblem } from '../ports/host-schema-check.port';

export interface UnreadableHostRecord {
  readonly kind: HostRecordKind;
  readonly id: string;
  readonly reason: string;
}

export interface HostCheckReport {
  /** True when the mapping fits the database and every record of the tenant reads. */
  readonly ok: boolean;
  readonly problems: readonly HostSchemaProblem[];
  /** The tenant's records that exist but cannot be read, with why (at most `limit`; `truncated` says there are more). */
  readonly unreadable: readonly UnreadableHostRecord[];
  readonly truncated: boolean;
}

const kinds: readonly HostRecordKind[] = ['customer', 'item', 'invoice', 'payment', 'refund', 'payout'];
export const hostCheckLimit = 1_000;

/**
 * The dry run a host engineer makes before anyone presses Save & Sync (DESIGN.md §3 invariant 9): the mapping
 * against the live database, then every record of the tenant read once, listing the ones that cannot be read.
 */
export class CheckHost {
  constructor(
    private readonly schemaCheck: HostSchemaCheck,
    private readonly host: HostDirectory,
  ) {}

  async execute(tenantId?: string): Promise<Result<HostCheckReport, ApplicationError>> {
    const problems = await this.schemaCheck.problems(tenantId);
    const unreadable: UnreadableHostRecord[] = [];
    let truncated = false;
    // A table or column that is missing makes every read fail the same way: the problems already say it.
    if (tenantId !== undefined && problems.length === 0) {
      outer: for (const kind of kinds) {
        for await (const row of this.host.listUnreadable(tenantId, kind)) {
          if (unreadable.length >= hostCheckLimit) {
            truncated = true;
            break outer;
          }
          unreadable.push({ kind, id: row.id, reason: row.reason });
        }
      }
    }
    return ok({ ok: problems.length === 0 && unreadable.length === 0, problems, unreadable, truncated });
  }
}
