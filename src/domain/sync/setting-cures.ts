/**
 * Records held only because a setting is not chosen yet (a rejection a setting cures): which setting, which record
 * kinds, and the words their rejection says. Saving that setting re-queues them (SaveSettings), so a person does not
 * have to press Retry on each. The words are the one link between a held record's activity entry and its cure: the
 * rejections below say them, and the activity log is searched for them (at most 100 characters, compared ignoring case).
 * Rejections cured in QBO (no_receivable_account: an A/R account made in QBO) or by an edit are not here.
 */
import type { RejectionCode } from './rejection';

export type CurableSetting = 'taxCodeId' | 'incomeAccountId' | 'depositAccountId' | 'payoutFeeAccountId';

export interface SettingCure {
  readonly setting: CurableSetting;
  readonly code: RejectionCode;
  /**
   * Said by the rejection, and so by every record held for it: the record itself, or the one that needed it (a
   * payment whose invoice waits; an unpaid invoice is not sent on its own). Searched for in the activity log.
   */
  readonly words: string;
  /** What the admin chose, for the activity log: "Sales tax code chosen". */
  readonly chosen: string;
}

export const settingCures: readonly SettingCure[] = [
  { setting: 'taxCodeId', code: 'no_tax_code', words: 'choose the tax code for taxed invoices in the QuickBooks settings', chosen: 'Sales tax code chosen' },
  { setting: 'incomeAccountId', code: 'no_income_account', words: 'until an income account is chosen in the settings', chosen: 'Income account chosen' },
  { setting: 'depositAccountId', code: 'no_deposit_account', words: 'until a deposit account is chosen in the settings', chosen: 'Deposit account chosen' },
  { setting: 'payoutFeeAccountId', code: 'no_payout_accounts', words: 'no payout fee account is chosen in the settings', chosen: 'Payout fee account chosen' },
];

export const cureFor = (code: RejectionCode): SettingCure => {
  const cure = settingCures.find((c) => c.code === code);
  if (cure === undefined) throw new RangeError(`No setting cures ${code}`);
  return cure;
};
