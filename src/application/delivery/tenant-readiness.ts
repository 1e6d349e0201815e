import type { ConnectionStore } from '../ports/connection-store.port';
import type { SettingsStore, TenantSettings } from '../ports/settings-store.port';

export interface TenantReadinessCheck {
  /** The settings the round decides with, read once with the connection. */
  readonly settings: TenantSettings;
  /** Why the tenant's changes wait (without spending attempts), or null when they may go to QBO now. */
  readonly holdReason: string | null;
}

/** Whether a tenant's changes may go to QBO now; otherwise why they wait. */
export class TenantReadiness {
  constructor(
    private readonly settings: SettingsStore,
    private readonly connections: ConnectionStore,
  ) {}

  async check(tenantId: string): Promise<TenantReadinessCheck> {
    const [settings, connection] = await Promise.all([this.settings.get(tenantId), this.connections.get(tenantId)]);
    return { settings, holdReason: holdReasonOf(settings, connection) };
  }
}

const holdReasonOf = (settings: TenantSettings, connection: Awaited<ReturnType<ConnectionStore['get']>>): string | null => {
  if (!settings.syncEnabled) return 'The sync is turned off; the change waits until it is turned on.';
  if (!connection) return 'QuickBooks is not connected; the change waits until it is.';
  if (connection.status === 'pending_verification') return 'QuickBooks is still confirming the new connection; the change waits until it is confirmed.';
  if (connection.status === 'needs_reconnect') return `The QuickBooks connection needs attention (${connection.statusReason ?? 'reconnect it'}); the change waits until it is reconnected.`;
  return null;
};
