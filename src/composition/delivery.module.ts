import { ContainerModule } from 'inversify';
import { BatchDelivery } from '../application/delivery/batch-delivery';
import { CreateRecovery } from '../application/delivery/create-recovery';
import { DecisionApplier } from '../application/delivery/decision-applier';
import { type DeliveryPolicy } from '../application/delivery/delivery-policy';
import { NameResolver } from '../application/delivery/name-resolver';
import { RecordDecider } from '../application/delivery/record-decider';
import { RelatedRecords } from '../application/delivery/related-records';
import { TenantReadiness } from '../application/delivery/tenant-readiness';
import { ActivityLog } from '../application/ports/activity-log.port';
import { Clock } from '../application/ports/clock.port';
import { ConnectionStore } from '../application/ports/connection-store.port';
import { HostDirectory } from '../application/ports/host-directory.port';
import { LinkStore } from '../application/ports/link-store.port';
import { Logger } from '../application/ports/logger.port';
import { OutboxStore } from '../application/ports/outbox-store.port';
import { QboGateway } from '../application/ports/qbo-gateway.port';
import { RandomSource } from '../application/ports/random-source.port';
import { SettingsStore } from '../application/ports/settings-store.port';
import { SweepMarkStore } from '../application/ports/sweep-mark-store.port';
import { TenantLease } from '../application/ports/tenant-lease.port';
import { WriteJournal } from '../application/ports/write-journal.port';
import { OpaqueIds } from '../application/ports/opaque-ids.port';
import { DeliverChange } from '../application/delivery/deliver-change.use-case';
import { NotifyChanges } from '../application/use-cases/notify-changes.use-case';
import { RetryDelivery } from '../application/use-cases/retry-delivery.use-case';
import { RunDeliveryRound } from '../application/delivery/run-delivery-round.use-case';
import { SweepChanges } from '../application/delivery/sweep-changes.use-case';
import { KnexSweepMarkStore } from '../adapters/knex/knex-sweep-mark.store';
import { KnexWriteJournal } from '../adapters/knex/knex-write.journal';

/** The delivery tunables in force (defaults merged with the host's options). */
export const DeliveryPolicyToken = Symbol('qbo-sync.DeliveryPolicy');

/** The always-on delivery engine (issue 6): its two tables' adapters and its application classes. */
export const deliveryModule = new ContainerModule(({ bind }) => {
  bind<WriteJournal>(WriteJournal).to(KnexWriteJournal).inSingletonScope();
  bind<SweepMarkStore>(SweepMarkStore).to(KnexSweepMarkStore).inSingletonScope();
  bind(TenantReadiness).toResolvedValue((settings: SettingsStore, connections: ConnectionStore) => new TenantReadiness(settings, connections), [SettingsStore, ConnectionStore]).inSingletonScope();
  bind(RecordDecider).toResolvedValue((host: HostDirectory, links: LinkStore, settings: SettingsStore) => new RecordDecider(host, links, settings), [HostDirectory, LinkStore, SettingsStore]).inSingletonScope();
  bind(DecisionApplier)
    .toResolvedValue(
      (gateway: QboGateway, links: LinkStore, journal: WriteJournal, activity: ActivityLog, clock: Clock) => new DecisionApplier(gateway, links, journal, activity, clock),
      [QboGateway, LinkStore, WriteJournal, ActivityLog, Clock],
    )
    .inSingletonScope();
  bind(CreateRecovery).toResolvedValue((gateway: QboGateway, links: LinkStore, journal: WriteJournal) => new CreateRecovery(gateway, links, journal), [QboGateway, LinkStore, WriteJournal]).inSingletonScope();
  bind(NameResolver).toResolvedValue((gateway: QboGateway) => new NameResolver(gateway), [QboGateway]).inSingletonScope();
  bind(BatchDelivery)
    .toResolvedValue(
      (host: HostDirectory, links: LinkStore, journal: WriteJournal, gateway: QboGateway, activity: ActivityLog, clock: Clock, policy: DeliveryPolicy) =>
        new BatchDelivery(host, links, journal, gateway, activity, clock, policy.minBatchWrites),
      [HostDirectory, LinkStore, WriteJournal, QboGateway, ActivityLog, Clock, DeliveryPolicyToken],
    )
    .inSingletonScope();
  bind(RelatedRecords).toResolvedValue((host: HostDirectory, outbox: OutboxStore) => new RelatedRecords(host, outbox), [HostDirectory, OutboxStore]).inSingletonScope();
  bind(DeliverChange)
    .toResolvedValue(
      (readiness: TenantReadiness, decider: RecordDecider, applier: DecisionApplier, recovery: CreateRecovery, names: NameResolver, related: RelatedRecords, activity: ActivityLog, clock: Clock) =>
        new DeliverChange(readiness, decider, applier, recovery, names, related, activity, clock),
      [TenantReadiness, RecordDecider, DecisionApplier, CreateRecovery, NameResolver, RelatedRecords, ActivityLog, Clock],
    )
    .inSingletonScope();
  bind(RunDeliveryRound)
    .toResolvedValue(
      (outbox: OutboxStore, lease: TenantLease, readiness: TenantReadiness, deliver: DeliverChange, policy: DeliveryPolicy, clock: Clock, random: RandomSource, activity: ActivityLog, logger: Logger, batch: BatchDelivery, settings: SettingsStore) =>
        new RunDeliveryRound(outbox, lease, readiness, deliver, policy, clock, random, activity, logger, batch, settings),
      [OutboxStore, TenantLease, TenantReadiness, DeliverChange, DeliveryPolicyToken, Clock, RandomSource, ActivityLog, Logger, BatchDelivery, SettingsStore],
    )
    .inSingletonScope();
  bind(SweepChanges)
    .toResolvedValue(
      (settings: SettingsStore, marks: SweepMarkStore, host: HostDirectory, decider: RecordDecider, outbox: OutboxStore, journal: WriteJournal, policy: DeliveryPolicy, clock: Clock) =>
        new SweepChanges(settings, marks, host, decider, outbox, journal, policy, clock),
      [SettingsStore, SweepMarkStore, HostDirectory, RecordDecider, OutboxStore, WriteJournal, DeliveryPolicyToken, Clock],
    )
    .inSingletonScope();
  bind(NotifyChanges).toResolvedValue((outbox: OutboxStore) => new NotifyChanges(outbox), [OutboxStore]).inSingletonScope();
  bind(RetryDelivery)
    .toResolvedValue((activity: ActivityLog, outbox: OutboxStore, clock: Clock, ids: OpaqueIds) => new RetryDelivery(activity, outbox, clock, ids), [ActivityLog, OutboxStore, Clock, OpaqueIds])
    .inSingletonScope();
});
