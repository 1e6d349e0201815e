import type { QboAccountFields } from '../../../domain/qbo/qbo-records';
import { ok, type Result } from '../../../domain/shared/result';
import type { ApplicationError } from '../../application-error';
import type { QboGateway } from '../../ports/qbo-gateway.port';
import type { QboPageReads } from '../../setup/qbo-page-reads';
import { readForPage } from '../../setup/qbo-reads';

export namespace ListAccounts {
  export interface Account {
    readonly id: string;
    readonly name: string;
    readonly accountType: string;
    readonly accountSubType: string | null;
  }
  export interface Output {
    readonly income: readonly { readonly id: string; readonly name: string }[];
    readonly deposit: readonly { readonly id: string; readonly name: string; readonly accountType: string }[];
  }
}

/** Where a payment may be deposited (QBO: Bank or Other Current Asset); items take an Income account. */
export const isDepositAccount = (fields: QboAccountFields): boolean => fields.accountType === 'Bank' || fields.accountType === 'Other Current Asset';
export const isIncomeAccount = (fields: QboAccountFields): boolean => fields.accountType === 'Income';

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
const undepositedFirst = (a: ListAccounts.Account, b: ListAccounts.Account): number =>
  Number(b.accountSubType === 'UndepositedFunds') - Number(a.accountSubType === 'UndepositedFunds') || byName(a, b);

/** Set-up, step 3: the two account lists, read from QBO (kept a few seconds for the page); inactive accounts are left out. */
export class ListAccounts {
  constructor(
    private readonly gateway: QboGateway,
    private readonly reads: QboPageReads,
  ) {}

  async execute(tenantId: string): Promise<Result<ListAccounts.Output, ApplicationError>> {
    const accounts = await readForPage(this.reads, this.gateway, tenantId, 'Account', (record) => (record.fields.active ? record : null));
    if (!accounts.ok) return accounts;
    const shaped = (kept: typeof accounts.value): ListAccounts.Account[] =>
      kept.map((a) => ({ id: a.ref.id, name: a.fields.name, accountType: a.fields.accountType, accountSubType: a.fields.accountSubType }));
    const income = shaped(accounts.value.filter((a) => isIncomeAccount(a.fields))).sort(byName);
    const deposit = shaped(accounts.value.filter((a) => isDepositAccount(a.fields))).sort(undepositedFirst);
    return ok({
      income: income.map(({ id, name }) => ({ id, name })),
      deposit: deposit.map(({ id, name, accountType }) => ({ id, name, accountType })),
    });
  }
}
