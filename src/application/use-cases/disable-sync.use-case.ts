import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { SettingsStore } from '../ports/settings-store.port';

/** Stops deliveries; the outbox keeps every change, and they flow again once the sync is back on. */
export class DisableSync {
  constructor(
    private readonly settings: SettingsStore,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: string): Promise<{ enabled: false }> {
    const current = await this.settings.get(tenantId);
    if (current.syncEnabled) {
      await this.settings.update(tenantId, { syncEnabled: false });
      await this.activity.record({ tenantId, at: this.clock.now(), action: 'disable', kind: null, hostId: null, qboId: null, outcome: 'success', outboxId: null, message: 'The sync was turned off. Changes made meanwhile wait and are sent when it is turned on again.' });
    }
    return { enabled: false };
  }
}
