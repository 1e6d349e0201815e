import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { SettingsStore } from '../ports/settings-store.port';
import { silentTelemetry, type Telemetry } from '../ports/telemetry.port';

/** Stops deliveries; the outbox keeps every change, and they flow again once the sync is back on. */
export class DisableSync {
  constructor(
    private readonly settings: SettingsStore,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
    private readonly telemetry: Telemetry = silentTelemetry,
  ) {}

  async execute(tenantId: string): Promise<{ enabled: false }> {
    const current = await this.settings.get(tenantId);
    if (current.syncEnabled) {
      await this.settings.update(tenantId, { syncEnabled: false });
      const message = 'The sync was turned off. Changes made meanwhile wait and are sent when it is turned on again.';
      await this.activity.record({ tenantId, at: this.clock.now(), action: 'disable', kind: null, hostId: null, qboId: null, outcome: 'success', outboxId: null, message });
      this.telemetry.event({ type: 'sync.paused', tenantId, at: this.clock.now(), reason: 'turned_off', message });
    }
    return { enabled: false };
  }
}
