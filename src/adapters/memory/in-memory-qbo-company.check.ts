import type { CompanyCheckFailure, QboCompanyCheck } from '../../application/ports/qbo-company-check.port';
import { err, ok, type Result } from '../../domain/shared/result';
import type { InMemoryQboAuthorizer } from './in-memory-qbo.authorizer';

type Fault = 'busy' | 'unavailable';

/**
 * QBO's answer to "which company does this token open?" for tokens the in-memory authorizer issued; names come from
 * `nameOf`. Faults queued per realm stand in for a throttled or unreachable QBO.
 */
export class InMemoryQboCompanyCheck implements QboCompanyCheck {
  private readonly faults = new Map<string, Fault[]>();
  /** Every realm asked about, in order. */
  readonly checked: string[] = [];

  constructor(
    private readonly authorizer: InMemoryQboAuthorizer,
    private readonly nameOf: (realmId: string) => string = (realmId) => `Company ${realmId}`,
  ) {}

  /** The next `count` checks of `realmId` meet `fault` instead of an answer. */
  fail(realmId: string, fault: Fault, count = 1): void {
    this.faults.set(realmId, [...(this.faults.get(realmId) ?? []), ...Array<Fault>(count).fill(fault)]);
  }

  async companyOf(realmId: string, accessToken: string): Promise<Result<{ readonly companyName: string }, CompanyCheckFailure>> {
    this.checked.push(realmId);
    const fault = this.faults.get(realmId)?.shift();
    if (fault === 'busy') return err({ kind: 'Busy', message: 'QuickBooks is busy (it asked us to slow down)', retryAfterMs: 60_000 });
    if (fault === 'unavailable') return err({ kind: 'Unavailable', message: 'QuickBooks did not answer' });
    if (this.authorizer.realmOf(accessToken) !== realmId) return err({ kind: 'NotGranted', message: `QuickBooks refused access to company ${realmId} with this authorization` });
    return ok({ companyName: this.nameOf(realmId) });
  }
}
