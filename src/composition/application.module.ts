import { ContainerModule } from 'inversify';
import { ActivityLog } from '../application/ports/activity-log.port';
import { Clock } from '../application/ports/clock.port';
import { ConnectionStore } from '../application/ports/connection-store.port';
import { IdGenerator } from '../application/ports/id-generator.port';
import { Logger } from '../application/ports/logger.port';
import { OAuthStateStore } from '../application/ports/oauth-state-store.port';
import { QboAuthorizer } from '../application/ports/qbo-authorizer.port';
import { QboGateway } from '../application/ports/qbo-gateway.port';
import { SettingsStore } from '../application/ports/settings-store.port';
import { CompleteAuthorization } from '../application/use-cases/complete-authorization.use-case';
import { DisableSync } from '../application/use-cases/disable-sync.use-case';
import { Disconnect } from '../application/use-cases/disconnect.use-case';
import { GetConnectionStatus } from '../application/use-cases/get-connection-status.use-case';
import { ListActivity } from '../application/use-cases/list-activity.use-case';
import { StartAuthorization } from '../application/use-cases/start-authorization.use-case';

/** Kept here for importers of the old place; the delivery engine's bindings live in delivery.module.ts. */
export { DeliveryPolicyToken } from './delivery.module';

/** Application classes carry no decorators: each is built from its ports here (STYLE.md "The house"). */
/** EnableSync and GetSyncStatus are bound with the set-up flows, in setup.module.ts. */
export const applicationModule = new ContainerModule(({ bind }) => {
  bind(GetConnectionStatus).toResolvedValue((connections: ConnectionStore) => new GetConnectionStatus(connections), [ConnectionStore]).inSingletonScope();
  bind(StartAuthorization)
    .toResolvedValue((authorizer: QboAuthorizer, states: OAuthStateStore, ids: IdGenerator, clock: Clock) => new StartAuthorization(authorizer, states, ids, clock), [QboAuthorizer, OAuthStateStore, IdGenerator, Clock])
    .inSingletonScope();
  bind(CompleteAuthorization)
    .toResolvedValue(
      (authorizer: QboAuthorizer, states: OAuthStateStore, connections: ConnectionStore, settings: SettingsStore, gateway: QboGateway, activity: ActivityLog, clock: Clock) =>
        new CompleteAuthorization(authorizer, states, connections, settings, gateway, activity, clock),
      [QboAuthorizer, OAuthStateStore, ConnectionStore, SettingsStore, QboGateway, ActivityLog, Clock],
    )
    .inSingletonScope();
  bind(Disconnect)
    .toResolvedValue(
      (connections: ConnectionStore, authorizer: QboAuthorizer, activity: ActivityLog, clock: Clock, logger: Logger) => new Disconnect(connections, authorizer, activity, clock, logger),
      [ConnectionStore, QboAuthorizer, ActivityLog, Clock, Logger],
    )
    .inSingletonScope();
  bind(DisableSync).toResolvedValue((settings: SettingsStore, activity: ActivityLog, clock: Clock) => new DisableSync(settings, activity, clock), [SettingsStore, ActivityLog, Clock]).inSingletonScope();
  bind(ListActivity).toResolvedValue((activity: ActivityLog) => new ListActivity(activity), [ActivityLog]).inSingletonScope();
});
