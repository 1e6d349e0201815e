import { ContainerModule } from 'inversify';
import { BatchDelivery } from '../application/delivery/batch-delivery';
import { CreateRecovery } from '../application/delivery/create-recovery';
import { DecisionApplier } from '../application/delivery/decision-applier';
import { DeliveryPass } from '../application/delivery/delivery-pass';
import { type DeliveryPolicy } from '../application/delivery/delivery-policy';
import { NameResolver } from '../application/delivery/name-resolver';
import { RecordDecider } from '../application/delivery/record-decider';
import { RecordDelivery } from '../application/delivery/record-delivery';
import { RecordReader } from '../application/delivery/record-reader';
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
import { NotifyChanges } from '../application/use-cases/notify-changes.use-case';
import { RetryDelivery } from '../application/use-cases/retry-delivery.use-case';
import { RunDeliveryRound } from '../application/delivery/run-delivery-round.use-case';
import { SweepChanges } from '../application/delivery/sweep-changes.use-case';
import { KnexSweepMarkStore } from '../adapters/knex/knex-sweep-mark.store';
import { KnexWriteJournal } from '../adapters/knex/knex-write.journal';

/** The delivery tunables in force (defaults merged with the host's options). */
export const DeliveryPolicyToken = Symbol('qbo-sync.DeliveryPolicy');

/** The always-on delivery engine: its two tables' adapters and its application classes. */
export const deliveryModule = new ContainerModule(({ bind }) => {
  bind<WriteJournal>(WriteJournal).to(KnexWriteJournal).inSingletonScope();
  bind<SweepMarkStore>(SweepMarkStore).to(KnexSweepMarkStore).inSingletonScope();
  bind(TenantReadiness).toResolvedValue((settings: SettingsStore, connections: ConnectionStore) => new TenantReadiness(settings, connections), [SettingsStore, ConnectionStore]).inSingletonScope();
  bind(RecordReader).toResolvedValue((host: HostDirectory, links: LinkStore, journal: WriteJournal) => new RecordReader(host, links, journal), [HostDirectory, LinkStore, WriteJournal]).inSingletonScope();
  bind(RecordDecider).toResolvedValue((host: HostDirectory, links: LinkStore) => new RecordDecider(host, links), [HostDirectory, LinkStore]).inSingletonScope();
  bind(DecisionApplier)
    .toResolvedValue(
      (gateway: QboGateway, links: LinkStore, journal: WriteJournal, activity: ActivityLog, clock: Clock) => new DecisionApplier(gateway, links, journal, activity, clock),
      [QboGateway, LinkStore, WriteJournal, ActivityLog, Clock],
    )
    .inSingletonScope();
  bind(CreateRecovery).toResolvedValue((gateway: QboGateway, links: LinkStore, journal: WriteJournal) => new CreateRecovery(gateway, links, journal), [QboGateway, LinkStore, WriteJournal]).inSingletonScope();
  bind(NameResolver).toResolvedValue((gateway: QboGateway) => new NameResolver(gateway), [QboGateway]).inSingletonScope();
  bind(RelatedRecords).toResolvedValue((outbox: OutboxStore) => new RelatedRecords(outbox), [OutboxStore]).inSingletonScope();
  bind(RecordDelivery)
    .toResolvedValue(
      (decider: RecordDecider, applier: DecisionApplier, recovery: CreateRecovery, names: NameResolver, related: RelatedRecords, activity: ActivityLog, clock: Clock) =>
        new RecordDelivery(decider, applier, recovery, names, related, activity, clock),
      [RecordDecider, DecisionApplier, CreateRecovery, NameResolver, RelatedRecords, ActivityLog, Clock],
    )
    .inSingletonScope();
  bind(BatchDelivery)
    .toResolvedValue(
      (gateway: QboGateway, links: LinkStore, journal: WriteJournal, activity: ActivityLog, clock: Clock, applier: DecisionApplier) => new BatchDelivery(gateway, links, journal, activity, clock, applier),
      [QboGateway, LinkStore, WriteJournal, ActivityLog, Clock, DecisionApplier],
    )
    .inSingletonScope();
  bind(DeliveryPass)
    .toResolvedValue(
      (reader: RecordReader, delivery: RecordDelivery, batch: BatchDelivery, logger: Logger, policy: DeliveryPolicy) => new DeliveryPass(reader, delivery, batch, logger, policy.minBatchWrites),
      [RecordReader, RecordDelivery, BatchDelivery, Logger, DeliveryPolicyToken],
    )
    .inSingletonScope();
  bind(RunDeliveryRound)
    .toResolvedValue(
      (outbox: OutboxStore, lease: TenantLease, readiness: TenantReadiness, pass: DeliveryPass, policy: DeliveryPolicy, clock: Clock, random: RandomSource, activity: ActivityLog, logger: Logger) =>
        new RunDeliveryRound(outbox, lease, readiness, pass, policy, clock, random, activity, logger),
      [OutboxStore, TenantLease, TenantReadiness, DeliveryPass, DeliveryPolicyToken, Clock, RandomSource, ActivityLog, Logger],
    )
    .inSingletonScope();
  bind(SweepChanges)
    .toResolvedValue(
      (settings: SettingsStore, marks: SweepMarkStore, host: HostDirectory, reader: RecordReader, decider: RecordDecider, outbox: OutboxStore, journal: WriteJournal, policy: DeliveryPolicy, clock: Clock) =>
        new SweepChanges(settings, marks, host, reader, decider, outbox, journal, policy, clock),
      [SettingsStore, SweepMarkStore, HostDirectory, RecordReader, RecordDecider, OutboxStore, WriteJournal, DeliveryPolicyToken, Clock],
    )
    .inSingletonScope();
  bind(NotifyChanges).toResolvedValue((outbox: OutboxStore) => new NotifyChanges(outbox), [OutboxStore]).inSingletonScope();
  bind(RetryDelivery)
    .toResolvedValue((activity: ActivityLog, outbox: OutboxStore, clock: Clock, ids: OpaqueIds) => new RetryDelivery(activity, outbox, clock, ids), [ActivityLog, OutboxStore, Clock, OpaqueIds])
    .inSingletonScope();
});
