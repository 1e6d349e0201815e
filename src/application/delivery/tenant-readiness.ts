import type { ConnectionStore } from '../ports/connection-store.port';
import type { QboGateway } from '../ports/qbo-gateway.port';
import type { SettingsStore, TenantSettings } from '../ports/settings-store.port';

export interface TenantReadinessCheck {
  /** The settings the round decides with, read once with the connection. */
  readonly settings: TenantSettings;
  /** Why the tenant's changes wait (without spending attempts), or null when they may go to QBO now. */
  readonly holdReason: string | null;
}

/**
 * Whether a tenant's changes may go to QBO now; otherwise why they wait. A ready tenant whose company's home currency
 * is not known yet (Save & Sync keeps it; a tenant turned on before it did not) has it read once and kept, so the
 * round's messages give money in it.
 */
export class TenantReadiness {
  constructor(
    private readonly settings: SettingsStore,
    private readonly connections: ConnectionStore,
    private readonly gateway?: QboGateway,
  ) {}

  async check(tenantId: string): Promise<TenantReadinessCheck> {
    const [settings, connection] = await Promise.all([this.settings.get(tenantId), this.connections.get(tenantId)]);
    const holdReason = holdReasonOf(settings, connection);
    if (holdReason !== null || settings.homeCurrency !== null || this.gateway === undefined) return { settings, holdReason };
    const currency = await this.readCurrency(tenantId);
    // Unread (QBO busy, a host's gateway without it): the round goes on in US dollars' words and asks again next round.
    if (currency === null) return { settings, holdReason };
    return { settings: await this.settings.update(tenantId, { homeCurrency: currency }), holdReason };
  }

  /** Words only: a failed read must not hold back the round's writes, which meet any outage themselves. */
  private async readCurrency(tenantId: string): Promise<string | null> {
    if (typeof this.gateway?.homeCurrency !== 'function') return null;
    try {
      const read = await this.gateway.homeCurrency(tenantId);
      return read.ok ? read.value : null;
    } catch {
      return null;
    }
  }
}

const holdReasonOf = (settings: TenantSettings, connection: Awaited<ReturnType<ConnectionStore['get']>>): string | null => {
  if (!settings.syncEnabled) return 'The sync is turned off; the change waits until it is turned on.';
  if (!connection) return 'QuickBooks is not connected; the change waits until it is.';
  if (connection.status === 'pending_verification') return 'QuickBooks is still confirming the new connection; the change waits until it is confirmed.';
  if (connection.status === 'needs_reconnect') return `The QuickBooks connection needs attention (${connection.statusReason ?? 'reconnect it'}); the change waits until it is reconnected.`;
  return null;
};
