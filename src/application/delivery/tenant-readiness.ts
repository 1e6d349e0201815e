import type { ConnectionStore } from '../ports/connection-store.port';
import type { SettingsStore } from '../ports/settings-store.port';

/** Whether a tenant's changes may go to QBO now; otherwise why they wait (without spending attempts). */
export class TenantReadiness {
  constructor(
    private readonly settings: SettingsStore,
    private readonly connections: ConnectionStore,
  ) {}

  async holdReason(tenantId: string): Promise<string | null> {
    const [{ syncEnabled }, connection] = await Promise.all([this.settings.get(tenantId), this.connections.get(tenantId)]);
    if (!syncEnabled) return 'The sync is turned off; the change waits until it is turned on.';
    if (!connection) return 'QuickBooks is not connected; the change waits until it is.';
    if (connection.status === 'pending_verification') return 'QuickBooks is still confirming the new connection; the change waits until it is confirmed.';
    if (connection.status === 'needs_reconnect') return `The QuickBooks connection needs attention (${connection.statusReason ?? 'reconnect it'}); the change waits until it is reconnected.`;
    return null;
  }
}
