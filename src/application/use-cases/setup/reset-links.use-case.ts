import { err, ok, type Result } from '../../../domain/shared/result';
import { applicationError, type ApplicationError } from '../../application-error';
import type { ActivityLog } from '../../ports/activity-log.port';
import type { Clock } from '../../ports/clock.port';
import type { ConnectionStore } from '../../ports/connection-store.port';
import type { JobStore } from '../../ports/job-store.port';
import type { LinkStore } from '../../ports/link-store.port';
import type { SettingsStore } from '../../ports/settings-store.port';

/**
 * Starting over with another QBO company: forgets every link (their QBO ids belong to the old company's books), the
 * company they point at, the accounts and the enable time, and turns the sync off. Only while disconnected, so no
 * delivery can write an old id into the new books; the activity log keeps what happened.
 */
export class ResetLinks {
  constructor(
    private readonly connections: ConnectionStore,
    private readonly links: LinkStore,
    private readonly settings: SettingsStore,
    private readonly jobs: JobStore,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: string): Promise<Result<{ removedLinks: number }, ApplicationError>> {
    if (await this.connections.get(tenantId)) {
      return err(applicationError('Conflict', 'still_connected', 'Disconnect from QuickBooks first: the links can only be reset while no company is connected.'));
    }
    const previous = await this.settings.get(tenantId);
    const removedLinks = await this.links.count(tenantId);
    const running = await this.jobs.latest(tenantId);
    if (running?.state === 'running') await this.jobs.update(tenantId, running.id, { state: 'failed', message: 'Stopped because the links were reset.' }, this.clock.now());
    await this.links.removeAll(tenantId);
    await this.settings.update(tenantId, { linkedRealmId: null, syncEnabled: false, enabledAt: null, incomeAccountId: null, depositAccountId: null, homeCurrency: null });
    await this.activity.record({
      tenantId, at: this.clock.now(), action: 'disable', kind: null, hostId: null, qboId: null, outcome: 'success', outboxId: null,
      message: `The links to QuickBooks company ${previous.linkedRealmId ?? '(none)'} were reset: ${removedLinks} link${removedLinks === 1 ? '' : 's'} forgotten and the sync turned off. Connect the new company and set the sync up again.`,
    });
    return ok({ removedLinks });
  }
}
