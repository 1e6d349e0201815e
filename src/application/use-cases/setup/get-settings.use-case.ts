import type { SettingsStore, TenantSettings } from '../../ports/settings-store.port';

export type SetupSettings = Pick<TenantSettings, 'incomeAccountId' | 'depositAccountId' | 'serviceImportKind'>;

/** The accounts chosen (and how imported QBO services are filed), as the set-up page shows them. */
export class GetSettings {
  constructor(private readonly settings: SettingsStore) {}

  async execute(tenantId: string): Promise<SetupSettings> {
    const { incomeAccountId, depositAccountId, serviceImportKind } = await this.settings.get(tenantId);
    return { incomeAccountId, depositAccountId, serviceImportKind };
  }
}
