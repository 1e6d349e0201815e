import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { ConnectionStore } from '../ports/connection-store.port';
import type { Logger } from '../ports/logger.port';
import type { QboAuthorizer } from '../ports/qbo-authorizer.port';
import type { SettingsStore } from '../ports/settings-store.port';
import type { Telemetry } from '../ports/telemetry.port';
import type { QboPageReads } from '../setup/qbo-page-reads';

/** Revokes the tokens at Intuit and forgets them; links, settings and the activity log stay. */
export class Disconnect {
  constructor(
    private readonly connections: ConnectionStore,
    private readonly authorizer: QboAuthorizer,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly pageReads: QboPageReads,
    /** Told that the sync pauses when it was on. */
    private readonly pause?: { readonly settings: SettingsStore; readonly telemetry: Telemetry },
  ) {}

  async execute(tenantId: string): Promise<{ disconnected: boolean }> {
    const connection = await this.connections.get(tenantId);
    if (!connection) return { disconnected: false };
    try {
      await this.authorizer.revoke(connection.tokens.refreshToken);
    } catch (error) {
      // Forgetting the tokens is what the admin asked for; a revoke Intuit did not take must not keep them here.
      this.logger.warn({ tenantId, error: error instanceof Error ? error.message : String(error) }, 'revoking the QBO token failed; forgetting it anyway');
    }
    await this.connections.remove(tenantId);
    this.pageReads.forget(tenantId);
    const message = `Disconnected from QuickBooks company ${connection.companyName ?? connection.realmId}. Changes wait until you connect again.`;
    await this.activity.record({ tenantId, at: this.clock.now(), action: 'disconnect', kind: null, hostId: null, qboId: null, outcome: 'success', outboxId: null, message });
    if (this.pause && (await this.pause.settings.get(tenantId)).syncEnabled) this.pause.telemetry.event({ type: 'sync.paused', tenantId, at: this.clock.now(), reason: 'disconnected', message });
    return { disconnected: true };
  }
}
