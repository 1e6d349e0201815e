import type { QboAccountFields } from '../../../domain/qbo/qbo-records';
import { err, ok, type Result } from '../../../domain/shared/result';
import { applicationError, type ApplicationError } from '../../application-error';
import type { QboGateway } from '../../ports/qbo-gateway.port';
import type { QboPageReads } from '../../setup/qbo-page-reads';
import type { SettingsStore } from '../../ports/settings-store.port';
import type { SetupSettings } from './get-settings.use-case';
import { isDepositAccount, isIncomeAccount } from './list-accounts.use-case';
import { qboReadError } from '../../setup/qbo-reads';

/**
 * Set-up, step 3: saves the income and deposit accounts (and the kind imported services become). Each account is
 * checked live against QBO: it must exist, be active and be of the right type.
 */
export class SaveSettings {
  constructor(
    private readonly settings: SettingsStore,
    private readonly gateway: QboGateway,
    private readonly pageReads: QboPageReads,
  ) {}

  async execute(tenantId: string, changes: Partial<SetupSettings>): Promise<Result<SetupSettings, ApplicationError>> {
    const checks: [string | null | undefined, string, (f: QboAccountFields) => boolean, string][] = [
      [changes.incomeAccountId, 'income', isIncomeAccount, 'an Income account'],
      [changes.depositAccountId, 'deposit', isDepositAccount, 'a Bank or Other Current Asset account'],
    ];
    for (const [id, role, fits, wanted] of checks) {
      if (id === undefined || id === null) continue;
      const problem = await this.checkAccount(tenantId, id, role, fits, wanted);
      if (problem) return err(problem);
    }
    const saved = await this.settings.update(tenantId, changes);
    this.pageReads.forget(tenantId);
    return ok({ incomeAccountId: saved.incomeAccountId, depositAccountId: saved.depositAccountId, serviceImportKind: saved.serviceImportKind });
  }

  private async checkAccount(tenantId: string, id: string, role: string, fits: (f: QboAccountFields) => boolean, wanted: string): Promise<ApplicationError | null> {
    const account = await this.gateway.get(tenantId, 'Account', id);
    if (!account.ok) {
      if (account.error.kind === 'NotFound' || account.error.kind === 'Validation') {
        return applicationError('InvalidSettings', `unknown_${role}_account`, `QuickBooks has no account with id "${id}". Choose the ${role} account from the list.`);
      }
      return qboReadError(account.error);
    }
    const { fields } = account.value;
    if (!fields.active) return applicationError('InvalidSettings', `inactive_${role}_account`, `"${fields.name}" is inactive in QuickBooks. Choose an active ${role} account.`);
    if (!fits(fields)) return applicationError('InvalidSettings', `wrong_${role}_account_type`, `"${fields.name}" is a ${fields.accountType} account; the ${role} account must be ${wanted}.`);
    return null;
  }
}
