import type { SettingsStore, TenantSettings } from '../../ports/settings-store.port';

export type SetupSettings = Pick<TenantSettings, 'incomeAccountId' | 'depositAccountId' | 'serviceImportKind' | 'taxCodeId' | 'payoutAccountId' | 'payoutFeeAccountId'>;

export const setupSettingsOf = ({ incomeAccountId, depositAccountId, serviceImportKind, taxCodeId, payoutAccountId, payoutFeeAccountId }: TenantSettings): SetupSettings => ({
  incomeAccountId,
  depositAccountId,
  serviceImportKind,
  taxCodeId,
  payoutAccountId,
  payoutFeeAccountId,
});

/** The accounts and tax code chosen (and how imported QBO services are filed), as the set-up page shows them. */
export class GetSettings {
  constructor(private readonly settings: SettingsStore) {}

  async execute(tenantId: string): Promise<SetupSettings> {
    return setupSettingsOf(await this.settings.get(tenantId));
  }
}
