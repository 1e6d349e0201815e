import { err, ok, type Result } from '../../domain/shared/result';
import { applicationError, type ApplicationError } from '../application-error';
import type { ActivityLog } from '../ports/activity-log.port';
import type { Clock } from '../ports/clock.port';
import type { ConnectionStore } from '../ports/connection-store.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { InitialSyncLauncher } from '../ports/initial-sync-launcher.port';
import type { JobStore } from '../ports/job-store.port';
import type { SettingsStore } from '../ports/settings-store.port';
import type { GetPreflight } from './setup/get-preflight.use-case';

export namespace EnableSync {
  export interface Input {
    readonly tenantId: string;
    /** The admin saw the pre-flight warnings and goes on anyway. */
    readonly acknowledgeWarnings: boolean;
  }
  export interface Output {
    readonly jobId: string;
    readonly enabledAt: number;
  }
}

/**
 * Save & Sync: needs a usable connection to the company the links point at, both accounts chosen, and the
 * pre-flight warnings acknowledged. Starts (or joins) the initial-sync job; deliveries are turned on by the job
 * once it is done, so nothing is sent for a record the job is still creating. Invoices and payments from before
 * the first enable time are never sent.
 */
export class EnableSync {
  constructor(
    private readonly connections: ConnectionStore,
    private readonly settings: SettingsStore,
    private readonly preflight: GetPreflight,
    private readonly jobs: JobStore,
    private readonly launcher: InitialSyncLauncher,
    private readonly ids: IdGenerator,
    private readonly activity: ActivityLog,
    private readonly clock: Clock,
  ) {}

  async execute(input: EnableSync.Input): Promise<Result<EnableSync.Output, ApplicationError>> {
    const { tenantId } = input;
    const connection = await this.connections.get(tenantId);
    if (!connection) return err(applicationError('NotConnected', 'not_connected', 'Connect to QuickBooks before turning the sync on.'));
    if (connection.status === 'pending_verification') {
      return err(applicationError('NotConnected', 'connection_unconfirmed', 'QuickBooks has not yet confirmed the new connection (it was busy). Wait until the page shows it connected, then turn the sync on.'));
    }
    if (connection.status !== 'connected') return err(applicationError('NotConnected', 'needs_reconnect', 'The QuickBooks connection needs attention: reconnect before turning the sync on.'));
    const current = await this.settings.get(tenantId);
    if (current.linkedRealmId !== null && current.linkedRealmId !== connection.realmId) {
      return err(applicationError('WrongCompany', 'different_company', `This account's records are linked to QuickBooks company ${current.linkedRealmId}, not ${connection.realmId}. Reconnect to that company or reset the links.`));
    }
    if (current.incomeAccountId === null || current.depositAccountId === null) {
      const missing = [current.incomeAccountId === null ? 'the income account' : null, current.depositAccountId === null ? 'the deposit account' : null].filter(Boolean).join(' and ');
      return err(applicationError('SettingsIncomplete', 'settings_incomplete', `Choose ${missing} in the settings before turning the sync on.`));
    }
    // Acknowledged warnings change nothing, so they are not computed again: the admin read them (GET /preflight) a
    // moment ago, and at 10,000 customers they take seconds (duplicates, the plan, both match reports) before the job starts.
    const warnings = input.acknowledgeWarnings ? null : await this.preflight.execute(tenantId);
    if (warnings !== null && !warnings.ok) return warnings;
    if (warnings !== null && warnings.value.hasWarnings) {
      const { duplicates, creditTotals, review } = warnings.value;
      const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
      return err(applicationError('WarningsNotAcknowledged', 'warnings_not_acknowledged',
        `Before the sync starts, review the warnings: ${plural(duplicates.length, 'potential duplicate')}, ${plural(creditTotals.customers, 'customer')} with account credits and ${plural(review.length, 'other change')} QuickBooks will see (GET /preflight lists them). Confirm that you want to go on (acknowledgeWarnings: true).`));
    }
    const now = this.clock.now();
    const { job, created } = await this.jobs.start(tenantId, this.ids.newId(), now);
    const enabledAt = current.enabledAt ?? now;
    // The company's currency is kept for the money in the activity log's words: as the pre-flight read it, or the
    // page's read of it (the admin's GET /preflight a moment ago keeps it) when the pre-flight was not computed; a
    // read QBO cannot answer now leaves it to the first delivery round (TenantReadiness).
    const homeCurrency = warnings !== null ? warnings.value.currency : await this.preflight.homeCurrency(tenantId);
    await this.settings.update(tenantId, { syncEnabled: false, enabledAt, linkedRealmId: connection.realmId, ...(homeCurrency === null ? {} : { homeCurrency }) });
    if (created) {
      await this.activity.record({
        tenantId, at: now, action: 'enable', kind: null, hostId: null, qboId: null, outcome: 'success', outboxId: null,
        message: 'Save & Sync: the initial sync started (matching names are linked, the other customers and items are created in QuickBooks). Changes flow to QuickBooks as soon as it is done.',
      });
    }
    this.launcher.launch(tenantId, job.id);
    return ok({ jobId: job.id, enabledAt });
  }
}
