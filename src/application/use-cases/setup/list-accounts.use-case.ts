import type { QboAccountFields, QboTaxCodeFields } from '../../../domain/qbo/qbo-records';
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
    /** Where processor payouts are deposited: Bank accounts. */
    readonly payout: readonly { readonly id: string; readonly name: string; readonly accountType: string }[];
    /** Where the processing fee is posted: Expense and Other Expense accounts. */
    readonly payoutFee: readonly { readonly id: string; readonly name: string; readonly accountType: string }[];
    /** The company's tax codes that group rates (not the pseudo codes TAX and NON), for taxed invoices. */
    readonly taxCodes: readonly { readonly id: string; readonly name: string }[];
  }
}

/** Where a payment may be deposited (QBO: Bank or Other Current Asset); items take an Income account. */
export const isDepositAccount = (fields: QboAccountFields): boolean => fields.accountType === 'Bank' || fields.accountType === 'Other Current Asset';
export const isIncomeAccount = (fields: QboAccountFields): boolean => fields.accountType === 'Income';
/** A payout lands in the bank, as the processor's transfer does in the bank feed. */
export const isPayoutAccount = (fields: QboAccountFields): boolean => fields.accountType === 'Bank';
/** A deposit line of its own may post to Expense or Other Expense (Intuit API reference, Deposit: DepositLineDetail.AccountRef). */
export const isPayoutFeeAccount = (fields: QboAccountFields): boolean => fields.accountType === 'Expense' || fields.accountType === 'Other Expense';
export const isUndepositedFunds = (fields: QboAccountFields): boolean => fields.accountSubType === 'UndepositedFunds';
/** A code an invoice may name: a group of rates (TaxGroup true), active; TAX and NON are line codes only. */
export const isChoosableTaxCode = (fields: QboTaxCodeFields): boolean => fields.taxGroup && fields.active;

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
const undepositedFirst = (a: ListAccounts.Account, b: ListAccounts.Account): number =>
  Number(b.accountSubType === 'UndepositedFunds') - Number(a.accountSubType === 'UndepositedFunds') || byName(a, b);

/** Set-up, step 3: the account lists (income, deposit, payout bank, payout fee) and the tax codes, read from QBO (kept a few seconds for the page); inactive accounts are left out. */
export class ListAccounts {
  constructor(
    private readonly gateway: QboGateway,
    private readonly reads: QboPageReads,
  ) {}

  async execute(tenantId: string): Promise<Result<ListAccounts.Output, ApplicationError>> {
    // Both lists at once: the page waits for the slower of the two reads, not their sum.
    const [accounts, codes] = await Promise.all([
      readForPage(this.reads, this.gateway, tenantId, 'Account', (record) => (record.fields.active ? record : null)),
      readForPage(this.reads, this.gateway, tenantId, 'TaxCode', (code) => (isChoosableTaxCode(code.fields) ? { id: code.ref.id, name: code.fields.name } : null)),
    ]);
    if (!accounts.ok) return accounts;
    const shaped = (kept: typeof accounts.value): ListAccounts.Account[] =>
      kept.map((a) => ({ id: a.ref.id, name: a.fields.name, accountType: a.fields.accountType, accountSubType: a.fields.accountSubType }));
    if (!codes.ok) return codes;
    const income = shaped(accounts.value.filter((a) => isIncomeAccount(a.fields))).sort(byName);
    const deposit = shaped(accounts.value.filter((a) => isDepositAccount(a.fields))).sort(undepositedFirst);
    const withType = ({ id, name, accountType }: ListAccounts.Account) => ({ id, name, accountType });
    return ok({
      income: income.map(({ id, name }) => ({ id, name })),
      deposit: deposit.map(withType),
      payout: shaped(accounts.value.filter((a) => isPayoutAccount(a.fields))).sort(byName).map(withType),
      payoutFee: shaped(accounts.value.filter((a) => isPayoutFeeAccount(a.fields))).sort(byName).map(withType),
      taxCodes: codes.value.sort(byName),
    });
  }
}
