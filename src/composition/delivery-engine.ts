import { BatchDelivery } from '../application/delivery/batch-delivery';
import { CreateRecovery } from '../application/delivery/create-recovery';
import { DecisionApplier } from '../application/delivery/decision-applier';
import { DeliveryPass } from '../application/delivery/delivery-pass';
import { LeaseBeat } from '../application/delivery/lease-beat';
import type { DeliveryPolicy } from '../application/delivery/delivery-policy';
import { NameResolver } from '../application/delivery/name-resolver';
import { RecordDecider } from '../application/delivery/record-decider';
import { RecordDelivery } from '../application/delivery/record-delivery';
import { RecordReader } from '../application/delivery/record-reader';
import { RelatedRecords } from '../application/delivery/related-records';
import { RunDeliveryRound } from '../application/delivery/run-delivery-round.use-case';
import { SweepChanges } from '../application/delivery/sweep-changes.use-case';
import { TenantReadiness } from '../application/delivery/tenant-readiness';
import { NotifyChanges } from '../application/use-cases/notify-changes.use-case';
import { DismissFailure } from '../application/use-cases/dismiss-failure.use-case';
import { RetryAllFailed } from '../application/use-cases/retry-all-failed.use-case';
import { RetryDelivery } from '../application/use-cases/retry-delivery.use-case';
import type { DeliveryPorts } from './plugin-ports';

export interface DeliveryEngine {
  readonly notifyChanges: NotifyChanges;
  readonly runDeliveryRound: RunDeliveryRound;
  readonly sweepChanges: SweepChanges;
  readonly retryDelivery: RetryDelivery;
  readonly retryAllFailed: RetryAllFailed;
  readonly dismissFailure: DismissFailure;
}

/**
 * The always-on delivery engine, from its ports: the one wiring the plugin and the tests share. `hostAppName` is what
 * the memos written to QBO call the host app (the plugin's option).
 */
export const createDeliveryEngine = (ports: DeliveryPorts, policy: DeliveryPolicy, hostAppName?: string): DeliveryEngine => {
  const { clock, logger, qboGateway: gateway, linkStore: links, writeJournal: journal, activityLog: activity, hostDirectory: host, outboxStore: outbox } = ports;
  const reader = new RecordReader(host, links, journal);
  const decider = new RecordDecider(host, links, gateway, hostAppName);
  const applier = new DecisionApplier(gateway, links, journal, activity, clock);
  const delivery = new RecordDelivery(decider, applier, new CreateRecovery(gateway, links, journal), new NameResolver(gateway), new RelatedRecords(outbox, host), activity, clock, journal);
  const pass = new DeliveryPass(reader, delivery, new BatchDelivery(gateway, links, journal, activity, clock, applier), logger, policy.minBatchWrites);
  const readiness = new TenantReadiness(ports.settingsStore, ports.connectionStore, gateway);
  return {
    notifyChanges: new NotifyChanges(outbox),
    runDeliveryRound: new RunDeliveryRound(outbox, ports.tenantLease, readiness, pass, policy, clock, ports.randomSource, activity, logger, ports.telemetry, new LeaseBeat(ports.tenantLease, clock, policy.leaseMs)),
    sweepChanges: new SweepChanges(ports.settingsStore, ports.sweepMarkStore, host, reader, decider, outbox, journal, policy, clock),
    retryDelivery: new RetryDelivery(activity, outbox, clock, ports.opaqueIds),
    retryAllFailed: new RetryAllFailed(activity, outbox, clock),
    dismissFailure: new DismissFailure(activity, outbox, clock, ports.opaqueIds),
  };
};
