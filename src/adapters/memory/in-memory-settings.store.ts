import { defaultTenantSettings, type SettingsStore, type TenantSettings } from '../../application/ports/settings-store.port';

export class InMemorySettingsStore implements SettingsStore {
  private readonly settings = new Map<string, TenantSettings>();

  async get(tenantId: string): Promise<TenantSettings> {
    return this.settings.get(tenantId) ?? defaultTenantSettings;
  }

  async update(tenantId: string, changes: Partial<TenantSettings>): Promise<TenantSettings> {
    const defined = Object.fromEntries(
      Object.entries(changes).filter(([key, value]) => key in defaultTenantSettings && value !== undefined),
    ) as Partial<TenantSettings>;
    const next = { ...(this.settings.get(tenantId) ?? defaultTenantSettings), ...defined };
    this.settings.set(tenantId, next);
    return next;
  }

  async enabledTenants(): Promise<readonly string[]> {
    return [...this.settings.entries()].filter(([, settings]) => settings.syncEnabled).map(([tenantId]) => tenantId).sort();
  }
}
