import type { QboAccountFields } from '../../../domain/qbo/qbo-records';
import { err, ok, type Result } from '../../../domain/shared/result';
import { applicationError, type ApplicationError } from '../../application-error';
import type { QboGateway } from '../../ports/qbo-gateway.port';
import type { QboPageReads } from '../../setup/qbo-page-reads';
import type { SettingsStore } from '../../ports/settings-store.port';
import { setupSettingsOf, type SetupSettings } from './get-settings.use-case';
import { isChoosableTaxCode, isDepositAccount, isIncomeAccount, isPayoutAccount, isPayoutFeeAccount, isUndepositedFunds } from './list-accounts.use-case';
import { qboReadError } from '../../setup/qbo-reads';
import { settingCures, type SettingCure } from '../../../domain/sync/setting-cures';
import type { ActivityLog } from '../../ports/activity-log.port';
import { openFailures } from '../open-failures';
import type { Clock } from '../../ports/clock.port';
import type { OutboxStore } from '../../ports/outbox-store.port';

type AccountCheck = readonly [id: string | null | undefined, role: string, fits: (f: QboAccountFields) => boolean, wanted: string];

/**
 * Set-up, step 3: saves the income and deposit accounts, the tax code, the payout bank and fee accounts (and the kind
 * imported services become). Each is checked live against QBO: it must exist, be active and be of the right type.
 * Payouts (a payout account chosen) need a fee account and payments that wait in Undeposited Funds: QBO deposits
 * only payments held there (Intuit API reference, Deposit: LinkedTxn moves the payment out of Undeposited Funds).
 */
export class SaveSettings {
  constructor(
    private readonly settings: SettingsStore,
    private readonly gateway: QboGateway,
    private readonly pageReads: QboPageReads,
    private readonly activity: ActivityLog,
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: string, changes: Partial<SetupSettings>): Promise<Result<SetupSettings, ApplicationError>> {
    const checks: AccountCheck[] = [
      [changes.incomeAccountId, 'income', isIncomeAccount, 'an Income account'],
      [changes.depositAccountId, 'deposit', isDepositAccount, 'a Bank or Other Current Asset account'],
      [changes.payoutAccountId, 'payout', isPayoutAccount, 'a Bank account'],
      [changes.payoutFeeAccountId, 'payout fee', isPayoutFeeAccount, 'an Expense or Other Expense account'],
    ];
    for (const [id, role, fits, wanted] of checks) {
      if (id === undefined || id === null) continue;
      const problem = await this.checkAccount(tenantId, id, role, fits, wanted);
      if (problem) return err(problem);
    }
    if (changes.taxCodeId !== undefined && changes.taxCodeId !== null) {
      const problem = await this.checkTaxCode(tenantId, changes.taxCodeId);
      if (problem) return err(problem);
    }
    const before = await this.settings.get(tenantId);
    const after = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) };
    if (after.payoutAccountId !== null) {
      const problem = await this.checkPayouts(tenantId, after.payoutFeeAccountId, after.depositAccountId);
      if (problem) return err(problem);
    }
    const saved = await this.settings.update(tenantId, changes);
    this.pageReads.forget(tenantId);
    for (const cure of settingCures) {
      if (changes[cure.setting] !== undefined && saved[cure.setting] !== null) await this.release(tenantId, cure);
    }
    return ok(setupSettingsOf(saved));
  }

  /**
   * Records held only for want of the setting just saved go back into the outbox, as the activity log's Retry puts
   * them (one delivery path); the rejection entries say the cure's words, and the log is searched for them. A record
   * held since for another reason is decided again and says that reason.
   */
  private async release(tenantId: string, cure: SettingCure): Promise<void> {
    const now = this.clock.now();
    const released = new Map<string, number>();
    for (const entry of await openFailures(this.activity, tenantId, cure.words)) {
      if (!(await this.outbox.requeue(tenantId, entry.outboxId!, now))) continue;
      const kind = entry.kind ?? 'change';
      released.set(kind, (released.get(kind) ?? 0) + 1);
      await this.activity.record({
        tenantId, at: now, action: 'retry', kind: entry.kind, hostId: entry.hostId, qboId: null, outcome: 'success', outboxId: entry.outboxId,
        message: `Queued again to be sent to QuickBooks (${cure.chosen.toLowerCase()}); it had failed: ${entry.message}`,
      });
    }
    if (released.size === 0) return;
    const total = [...released.values()].reduce((sum, n) => sum + n, 0);
    const what = [...released].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(' and ');
    await this.activity.record({ tenantId, at: now, action: 'retry', kind: null, hostId: null, qboId: null, outcome: 'success', outboxId: null, message: `${cure.chosen}: ${what} waiting for it ${total === 1 ? 'is' : 'are'} being sent.` });
  }

  private async checkPayouts(tenantId: string, feeAccountId: string | null, depositAccountId: string | null): Promise<ApplicationError | null> {
    if (feeAccountId === null) {
      return applicationError('InvalidSettings', 'no_payout_fee_account', 'Syncing payouts needs the expense account their processing fees go to. Choose the payout fee account too, or choose "Don\'t sync payouts".');
    }
    if (depositAccountId === null) return null;
    const deposit = await this.gateway.get(tenantId, 'Account', depositAccountId);
    if (!deposit.ok) return deposit.error.kind === 'NotFound' || deposit.error.kind === 'Validation' ? null : qboReadError(deposit.error);
    if (isUndepositedFunds(deposit.value.fields)) return null;
    return applicationError(
      'InvalidSettings',
      'payouts_need_undeposited_funds',
      `Payments go to "${deposit.value.fields.name}", but a payout can only deposit payments that wait in Undeposited Funds. Choose Undeposited Funds as the deposit account, or choose "Don't sync payouts".`,
    );
  }

  private async checkTaxCode(tenantId: string, id: string): Promise<ApplicationError | null> {
    const code = await this.gateway.get(tenantId, 'TaxCode', id);
    if (!code.ok) {
      if (code.error.kind === 'NotFound' || code.error.kind === 'Validation') {
        return applicationError('InvalidSettings', 'unknown_tax_code', `QuickBooks has no tax code with id "${id}". Choose the tax code from the list.`);
      }
      return qboReadError(code.error);
    }
    if (!isChoosableTaxCode(code.value.fields)) {
      return applicationError('InvalidSettings', 'wrong_tax_code', `"${code.value.fields.name}" is not an active tax code that groups rates in QuickBooks. Choose the tax code from the list.`);
    }
    return null;
  }

  private async checkAccount(tenantId: string, id: string, role: string, fits: (f: QboAccountFields) => boolean, wanted: string): Promise<ApplicationError | null> {
    const code = role.replace(' ', '_');
    const account = await this.gateway.get(tenantId, 'Account', id);
    if (!account.ok) {
      if (account.error.kind === 'NotFound' || account.error.kind === 'Validation') {
        return applicationError('InvalidSettings', `unknown_${code}_account`, `QuickBooks has no account with id "${id}". Choose the ${role} account from the list.`);
      }
      return qboReadError(account.error);
    }
    const { fields } = account.value;
    if (!fields.active) return applicationError('InvalidSettings', `inactive_${code}_account`, `"${fields.name}" is inactive in QuickBooks. Choose an active ${role} account.`);
    if (!fits(fields)) return applicationError('InvalidSettings', `wrong_${code}_account_type`, `"${fields.name}" is a ${fields.accountType} account; the ${role} account must be ${wanted}.`);
    return null;
  }
}
