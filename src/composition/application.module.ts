import { ContainerModule } from 'inversify';
import { ActivityLog } from '../application/ports/activity-log.port';
import { Clock } from '../application/ports/clock.port';
import { ConnectionStore } from '../application/ports/connection-store.port';
import { IdGenerator } from '../application/ports/id-generator.port';
import { Logger } from '../application/ports/logger.port';
import { OAuthStateStore } from '../application/ports/oauth-state-store.port';
import { QboAuthorizer } from '../application/ports/qbo-authorizer.port';
import { SettingsStore } from '../application/ports/settings-store.port';
import { CompleteAuthorization } from '../application/use-cases/complete-authorization.use-case';
import { DisableSync } from '../application/use-cases/disable-sync.use-case';
import { Disconnect } from '../application/use-cases/disconnect.use-case';
import { GetConnectionStatus } from '../application/use-cases/get-connection-status.use-case';
import { ListActivity } from '../application/use-cases/list-activity.use-case';
import { StartAuthorization } from '../application/use-cases/start-authorization.use-case';
import { GrantRevoker } from '../application/connection/grant-revoker';
import { QboPageReads } from '../application/setup/qbo-page-reads';
import { ConnectionConfirmer } from '../application/ports/connection-confirmer.port';
import { OpaqueIds } from '../application/ports/opaque-ids.port';
import { QboCompanyCheck } from '../application/ports/qbo-company-check.port';
import { ConfirmConnection } from '../application/use-cases/confirm-connection.use-case';
import { BackgroundConnectionConfirmer, ConfirmerTimingToken, defaultConfirmerTiming } from '../adapters/worker/background-connection.confirmer';

/** Kept here for importers of the old place; the delivery engine's bindings live in delivery.module.ts. */
export { DeliveryPolicyToken } from './delivery.module';

/** Application classes carry no decorators: each is built from its ports here (STYLE.md "The house"). */
/** EnableSync and GetSyncStatus are bound with the set-up flows, in setup.module.ts. */
export const applicationModule = new ContainerModule(({ bind }) => {
  bind(QboPageReads).toResolvedValue((clock: Clock) => new QboPageReads(clock), [Clock]).inSingletonScope();
  bind(GrantRevoker)
    .toResolvedValue((authorizer: QboAuthorizer, check: QboCompanyCheck, logger: Logger) => new GrantRevoker(authorizer, check, logger), [QboAuthorizer, QboCompanyCheck, Logger])
    .inSingletonScope();
  bind(ConfirmConnection)
    .toResolvedValue(
      (connections: ConnectionStore, authorizer: QboAuthorizer, check: QboCompanyCheck, revoker: GrantRevoker, pageReads: QboPageReads, activity: ActivityLog, clock: Clock) =>
        new ConfirmConnection({ connections, authorizer, check, revoker, pageReads, activity, clock }),
      [ConnectionStore, QboAuthorizer, QboCompanyCheck, GrantRevoker, QboPageReads, ActivityLog, Clock],
    )
    .inSingletonScope();
  bind(ConfirmerTimingToken).toConstantValue(defaultConfirmerTiming);
  bind(BackgroundConnectionConfirmer).toSelf().inSingletonScope();
  bind<ConnectionConfirmer>(ConnectionConfirmer).toService(BackgroundConnectionConfirmer);
  bind(GetConnectionStatus)
    .toResolvedValue((connections: ConnectionStore, confirmer: ConnectionConfirmer) => new GetConnectionStatus(connections, confirmer), [ConnectionStore, ConnectionConfirmer])
    .inSingletonScope();
  bind(StartAuthorization)
    .toResolvedValue((authorizer: QboAuthorizer, states: OAuthStateStore, ids: IdGenerator, clock: Clock) => new StartAuthorization(authorizer, states, ids, clock), [QboAuthorizer, OAuthStateStore, IdGenerator, Clock])
    .inSingletonScope();
  bind(CompleteAuthorization)
    .toResolvedValue(
      (authorizer: QboAuthorizer, states: OAuthStateStore, connections: ConnectionStore, settings: SettingsStore, check: QboCompanyCheck, revoker: GrantRevoker, confirmer: ConnectionConfirmer, pageReads: QboPageReads, activity: ActivityLog, clock: Clock) =>
        new CompleteAuthorization({ authorizer, states, connections, settings, check, revoker, confirmer, pageReads, activity, clock }),
      [QboAuthorizer, OAuthStateStore, ConnectionStore, SettingsStore, QboCompanyCheck, GrantRevoker, ConnectionConfirmer, QboPageReads, ActivityLog, Clock],
    )
    .inSingletonScope();
  bind(Disconnect)
    .toResolvedValue(
      (connections: ConnectionStore, authorizer: QboAuthorizer, activity: ActivityLog, clock: Clock, logger: Logger, pageReads: QboPageReads) => new Disconnect(connections, authorizer, activity, clock, logger, pageReads),
      [ConnectionStore, QboAuthorizer, ActivityLog, Clock, Logger, QboPageReads],
    )
    .inSingletonScope();
  bind(DisableSync).toResolvedValue((settings: SettingsStore, activity: ActivityLog, clock: Clock) => new DisableSync(settings, activity, clock), [SettingsStore, ActivityLog, Clock]).inSingletonScope();
  bind(ListActivity).toResolvedValue((activity: ActivityLog, ids: OpaqueIds) => new ListActivity(activity, ids), [ActivityLog, OpaqueIds]).inSingletonScope();
});
