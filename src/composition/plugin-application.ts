import type { DeliveryPolicy } from '../application/delivery/delivery-policy';
import { CompleteAuthorization } from '../application/use-cases/complete-authorization.use-case';
import { DisableSync } from '../application/use-cases/disable-sync.use-case';
import { Disconnect } from '../application/use-cases/disconnect.use-case';
import { GetConnectionStatus } from '../application/use-cases/get-connection-status.use-case';
import { ListActivity } from '../application/use-cases/list-activity.use-case';
import { StartAuthorization } from '../application/use-cases/start-authorization.use-case';
import type { UseCaseResolver } from '../adapters/http/use-case-resolver';
import { createDeliveryEngine } from './delivery-engine';
import type { PluginAdapters, PluginPorts } from './plugin-ports';
import { createSetupFlows } from './setup-flows';

/** The plugin's use cases, built once from its ports; the router reaches them by class. */
export const createPluginApplication = (ports: PluginPorts, policy: DeliveryPolicy, adapters: PluginAdapters) => {
  const { connectionStore: connections, qboAuthorizer: authorizer, activityLog: activity, settingsStore: settings, oauthStateStore: states, clock } = ports;
  const delivery = createDeliveryEngine(ports, policy);
  const setup = createSetupFlows(ports, policy, adapters.initialSyncLauncher);
  const useCases: readonly object[] = [
    new GetConnectionStatus(connections),
    new StartAuthorization(authorizer, states, ports.idGenerator, clock),
    new CompleteAuthorization(authorizer, states, connections, settings, ports.qboGateway, activity, clock),
    new Disconnect(connections, authorizer, activity, clock, ports.logger),
    new DisableSync(settings, activity, clock),
    new ListActivity(activity),
    delivery.retryDelivery,
    ...setup.useCases,
  ];
  const byClass = new Map(useCases.map((useCase) => [useCase.constructor, useCase]));
  const resolve: UseCaseResolver = (useCase) => {
    const found = byClass.get(useCase);
    if (found === undefined) throw new Error(`qbo-sync wires no ${useCase.name}: add it to createPluginApplication.`);
    return found as InstanceType<typeof useCase>;
  };
  return { delivery, initialSync: setup.initialSync, adoptConnection: setup.adoptConnection, resolve };
};
