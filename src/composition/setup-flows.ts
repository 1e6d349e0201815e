import { CheckHost } from '../application/use-cases/check-host.use-case';
import type { DeliveryPolicy } from '../application/delivery/delivery-policy';
import { BatchSender } from '../application/initial-sync/batch-sender';
import type { LaneShape } from '../application/initial-sync/send-lanes';
import type { ConnectionConfirmer } from '../application/ports/connection-confirmer.port';
import type { InitialSyncLauncher } from '../application/ports/initial-sync-launcher.port';
import type { QboPageReads } from '../application/setup/qbo-page-reads';
import { EnableSync } from '../application/use-cases/enable-sync.use-case';
import { GetSyncStatus } from '../application/use-cases/get-sync-status.use-case';
import { AdoptConnection } from '../application/use-cases/setup/adopt-connection.use-case';
import { GetMatchReport } from '../application/use-cases/setup/get-match-report.use-case';
import { GetPreflight } from '../application/use-cases/setup/get-preflight.use-case';
import { GetSyncPreview } from '../application/use-cases/setup/get-sync-preview.use-case';
import { GetSettings } from '../application/use-cases/setup/get-settings.use-case';
import { ImportFromQbo } from '../application/use-cases/setup/import-from-qbo.use-case';
import { ListAccounts } from '../application/use-cases/setup/list-accounts.use-case';
import { ResetLinks } from '../application/use-cases/setup/reset-links.use-case';
import { RunInitialSync } from '../application/use-cases/setup/run-initial-sync.use-case';
import { SaveSettings } from '../application/use-cases/setup/save-settings.use-case';
import { StopInitialSync } from '../application/use-cases/setup/stop-initial-sync.use-case';
import { BackgroundInitialSyncLauncher } from '../adapters/worker/initial-sync.launcher';
import { chosen, type AdapterChoice, type PluginPorts } from './plugin-ports';

type InitialSyncPorts = Pick<PluginPorts, 'jobStore' | 'hostDirectory' | 'linkStore' | 'qboGateway' | 'settingsStore' | 'outboxStore' | 'tenantLease' | 'activityLog' | 'clock'>;

/** The initial sync's job runner, from its ports: the one wiring the plugin and the tests share. */
export const createInitialSync = (ports: InitialSyncPorts, leaseMs: number, shape?: LaneShape): RunInitialSync => {
  const { jobStore, hostDirectory, linkStore, qboGateway, settingsStore, outboxStore, tenantLease, activityLog, clock } = ports;
  const sender = new BatchSender(qboGateway, linkStore, activityLog, clock);
  return new RunInitialSync(jobStore, hostDirectory, linkStore, qboGateway, settingsStore, outboxStore, tenantLease, sender, activityLog, clock, leaseMs, shape);
};

/** What set-up shares with connecting: the page's QBO reads, and the confirmer an adopted connection QBO was too busy to confirm goes to. */
export interface SetupShared {
  readonly pageReads: QboPageReads;
  readonly confirmer: ConnectionConfirmer;
  readonly launcher?: AdapterChoice<InitialSyncLauncher> | undefined;
}

/** Set-up: match, import, accounts, settings, pre-flight, Save & Sync with its background initial sync, reset, adoption. */
export const createSetupFlows = (ports: PluginPorts, policy: DeliveryPolicy, { pageReads: reads, confirmer, launcher: launcherChoice }: SetupShared) => {
  const { hostDirectory: host, qboGateway: gateway, settingsStore: settings, activityLog: activity, clock, jobStore: jobs, connectionStore: connections } = ports;
  const initialSync = new BackgroundInitialSyncLauncher(createInitialSync(ports, policy.leaseMs), jobs, ports.logger, clock, ports.idGenerator, { waitMs: 500, maxWaitMs: 30_000 }, ports.telemetry);
  const launcher = chosen(launcherChoice, () => initialSync);
  const preview = new GetSyncPreview(host, ports.linkStore, gateway, settings, reads);
  const match = new GetMatchReport(host, gateway, reads, ports.linkStore, ports.activityLog, ports.opaqueIds);
  const preflight = new GetPreflight(host, gateway, reads, preview, match, settings);
  return {
    /** Runs this process's initial-sync jobs (resumed at start, stopped at stop), whatever launcher Save & Sync uses. */
    initialSync,
    adoptConnection: new AdoptConnection({ authorizer: ports.qboAuthorizer, connections, settings, check: ports.qboCompanyCheck, confirmer, activity, clock }),
    useCases: [
      preflight,
      preview,
      match,
      new ImportFromQbo(host, ports.hostWriter, gateway, ports.linkStore, settings, activity, clock, ports.tenantLease, ports.idGenerator, policy.leaseMs, reads),
      new ListAccounts(gateway, reads),
      new CheckHost(ports.hostSchemaCheck, host),
      new GetSettings(settings),
      new SaveSettings(settings, gateway, reads, activity, ports.outboxStore, clock),
      new EnableSync(connections, settings, preflight, jobs, launcher, ports.idGenerator, activity, clock),
      new GetSyncStatus(settings, ports.outboxStore, jobs, clock),
      new StopInitialSync(jobs, clock),
      new ResetLinks(connections, ports.linkStore, settings, jobs, activity, clock),
    ],
  };
};
