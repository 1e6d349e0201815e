import type { DeliveryPolicy } from '../application/delivery/delivery-policy';
import { QboPageReads } from '../application/setup/qbo-page-reads';
import { DisableSync } from '../application/use-cases/disable-sync.use-case';
import { ListActivity } from '../application/use-cases/list-activity.use-case';
import type { UseCaseResolver } from '../adapters/http/use-case-resolver';
import { createConnectionFlows } from './connection-flows';
import { createDeliveryEngine } from './delivery-engine';
import type { PluginAdapters, PluginPorts } from './plugin-ports';
import { createSetupFlows } from './setup-flows';

/** The plugin's use cases, built once from its ports; the router reaches them by class. */
export const createPluginApplication = (ports: PluginPorts, policy: DeliveryPolicy, adapters: PluginAdapters, hostAppName?: string) => {
  const { activityLog: activity, settingsStore: settings, clock } = ports;
  // One cache of the page's live QBO reads: connecting, import and settings forget what they change.
  const pageReads = new QboPageReads(clock);
  const delivery = createDeliveryEngine(ports, policy, hostAppName);
  const connection = createConnectionFlows(ports, pageReads, adapters.connectionConfirmer);
  const setup = createSetupFlows(ports, policy, { pageReads, confirmer: connection.confirmer, launcher: adapters.initialSyncLauncher });
  const useCases: readonly object[] = [
    ...connection.useCases,
    new DisableSync(settings, activity, clock, ports.telemetry),
    new ListActivity(activity, ports.opaqueIds),
    delivery.retryDelivery,
    delivery.retryAllFailed,
    delivery.dismissFailure,
    ...setup.useCases,
  ];
  const byClass = new Map(useCases.map((useCase) => [useCase.constructor, useCase]));
  const resolve: UseCaseResolver = (useCase) => {
    const found = byClass.get(useCase);
    if (found === undefined) throw new Error(`qbo-sync wires no ${useCase.name}: add it to createPluginApplication.`);
    return found as InstanceType<typeof useCase>;
  };
  return { delivery, initialSync: setup.initialSync, connectionConfirmer: connection.background, adoptConnection: setup.adoptConnection, resolve };
};
