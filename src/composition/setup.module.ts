import { ContainerModule } from 'inversify';
import type { DeliveryPolicy } from '../application/delivery/delivery-policy';
import { ActivityLog } from '../application/ports/activity-log.port';
import { Clock } from '../application/ports/clock.port';
import { ConnectionStore } from '../application/ports/connection-store.port';
import { HostDirectory } from '../application/ports/host-directory.port';
import { HostWriter } from '../application/ports/host-writer.port';
import { IdGenerator } from '../application/ports/id-generator.port';
import { InitialSyncLauncher } from '../application/ports/initial-sync-launcher.port';
import { JobStore } from '../application/ports/job-store.port';
import { LinkStore } from '../application/ports/link-store.port';
import { OutboxStore } from '../application/ports/outbox-store.port';
import { QboAuthorizer } from '../application/ports/qbo-authorizer.port';
import { QboGateway } from '../application/ports/qbo-gateway.port';
import { SettingsStore } from '../application/ports/settings-store.port';
import { TenantLease } from '../application/ports/tenant-lease.port';
import { EnableSync } from '../application/use-cases/enable-sync.use-case';
import { GetSyncStatus } from '../application/use-cases/get-sync-status.use-case';
import { AdoptConnection } from '../application/use-cases/setup/adopt-connection.use-case';
import { BatchSender } from '../application/initial-sync/batch-sender';
import { GetMatchReport } from '../application/use-cases/setup/get-match-report.use-case';
import { GetPreflight } from '../application/use-cases/setup/get-preflight.use-case';
import { GetSettings } from '../application/use-cases/setup/get-settings.use-case';
import { ImportFromQbo } from '../application/use-cases/setup/import-from-qbo.use-case';
import { ListAccounts } from '../application/use-cases/setup/list-accounts.use-case';
import { ResetLinks } from '../application/use-cases/setup/reset-links.use-case';
import { RunInitialSync } from '../application/use-cases/setup/run-initial-sync.use-case';
import { SaveSettings } from '../application/use-cases/setup/save-settings.use-case';
import { StopInitialSync } from '../application/use-cases/setup/stop-initial-sync.use-case';
import { KnexJobStore } from '../adapters/knex/knex-job.store';
import { BackgroundInitialSyncLauncher, LauncherTimingToken, type LauncherTiming } from '../adapters/worker/initial-sync.launcher';
import { DeliveryPolicyToken } from './delivery.module';
import { QboPageReads } from '../application/setup/qbo-page-reads';
import { QboCompanyCheck } from '../application/ports/qbo-company-check.port';
import { ConnectionConfirmer } from '../application/ports/connection-confirmer.port';

/** Set-up (issue 5): match, import, accounts, settings, pre-flight, Save & Sync and its initial-sync job. */
export const setupModule = new ContainerModule(({ bind }) => {
  bind<JobStore>(JobStore).to(KnexJobStore).inSingletonScope();
  bind<LauncherTiming>(LauncherTimingToken).toConstantValue({ waitMs: 500, maxWaitMs: 30_000 });
  bind(BackgroundInitialSyncLauncher).toSelf().inSingletonScope();
  bind<InitialSyncLauncher>(InitialSyncLauncher).toService(BackgroundInitialSyncLauncher);

  bind(GetMatchReport)
    .toResolvedValue((host: HostDirectory, gateway: QboGateway, reads: QboPageReads) => new GetMatchReport(host, gateway, reads), [HostDirectory, QboGateway, QboPageReads])
    .inSingletonScope();
  bind(ImportFromQbo)
    .toResolvedValue(
      (host: HostDirectory, writer: HostWriter, gateway: QboGateway, links: LinkStore, settings: SettingsStore, activity: ActivityLog, clock: Clock, lease: TenantLease, ids: IdGenerator, policy: DeliveryPolicy, reads: QboPageReads) =>
        new ImportFromQbo(host, writer, gateway, links, settings, activity, clock, lease, ids, policy.leaseMs, reads),
      [HostDirectory, HostWriter, QboGateway, LinkStore, SettingsStore, ActivityLog, Clock, TenantLease, IdGenerator, DeliveryPolicyToken, QboPageReads],
    )
    .inSingletonScope();
  bind(ListAccounts).toResolvedValue((gateway: QboGateway, reads: QboPageReads) => new ListAccounts(gateway, reads), [QboGateway, QboPageReads]).inSingletonScope();
  bind(GetSettings).toResolvedValue((settings: SettingsStore) => new GetSettings(settings), [SettingsStore]).inSingletonScope();
  bind(SaveSettings)
    .toResolvedValue((settings: SettingsStore, gateway: QboGateway, reads: QboPageReads) => new SaveSettings(settings, gateway, reads), [SettingsStore, QboGateway, QboPageReads])
    .inSingletonScope();
  bind(GetPreflight)
    .toResolvedValue((host: HostDirectory, gateway: QboGateway, reads: QboPageReads) => new GetPreflight(host, gateway, reads), [HostDirectory, QboGateway, QboPageReads])
    .inSingletonScope();
  bind(EnableSync)
    .toResolvedValue(
      (connections: ConnectionStore, settings: SettingsStore, preflight: GetPreflight, jobs: JobStore, launcher: InitialSyncLauncher, ids: IdGenerator, activity: ActivityLog, clock: Clock) =>
        new EnableSync(connections, settings, preflight, jobs, launcher, ids, activity, clock),
      [ConnectionStore, SettingsStore, GetPreflight, JobStore, InitialSyncLauncher, IdGenerator, ActivityLog, Clock],
    )
    .inSingletonScope();
  bind(GetSyncStatus)
    .toResolvedValue((settings: SettingsStore, outbox: OutboxStore, jobs: JobStore, clock: Clock) => new GetSyncStatus(settings, outbox, jobs, clock), [SettingsStore, OutboxStore, JobStore, Clock])
    .inSingletonScope();
  bind(StopInitialSync).toResolvedValue((jobs: JobStore, clock: Clock) => new StopInitialSync(jobs, clock), [JobStore, Clock]).inSingletonScope();
  bind(BatchSender)
    .toResolvedValue((gateway: QboGateway, links: LinkStore, activity: ActivityLog, clock: Clock) => new BatchSender(gateway, links, activity, clock), [QboGateway, LinkStore, ActivityLog, Clock])
    .inSingletonScope();
  bind(RunInitialSync)
    .toResolvedValue(
      (jobs: JobStore, host: HostDirectory, links: LinkStore, gateway: QboGateway, settings: SettingsStore, outbox: OutboxStore, lease: TenantLease, sender: BatchSender, activity: ActivityLog, clock: Clock, policy: DeliveryPolicy) =>
        new RunInitialSync(jobs, host, links, gateway, settings, outbox, lease, sender, activity, clock, policy.leaseMs),
      [JobStore, HostDirectory, LinkStore, QboGateway, SettingsStore, OutboxStore, TenantLease, BatchSender, ActivityLog, Clock, DeliveryPolicyToken],
    )
    .inSingletonScope();
  bind(ResetLinks)
    .toResolvedValue(
      (connections: ConnectionStore, links: LinkStore, settings: SettingsStore, jobs: JobStore, activity: ActivityLog, clock: Clock) => new ResetLinks(connections, links, settings, jobs, activity, clock),
      [ConnectionStore, LinkStore, SettingsStore, JobStore, ActivityLog, Clock],
    )
    .inSingletonScope();
  bind(AdoptConnection)
    .toResolvedValue(
      (authorizer: QboAuthorizer, connections: ConnectionStore, settings: SettingsStore, check: QboCompanyCheck, confirmer: ConnectionConfirmer, activity: ActivityLog, clock: Clock) =>
        new AdoptConnection({ authorizer, connections, settings, check, confirmer, activity, clock }),
      [QboAuthorizer, ConnectionStore, SettingsStore, QboCompanyCheck, ConnectionConfirmer, ActivityLog, Clock],
    )
    .inSingletonScope();
});
