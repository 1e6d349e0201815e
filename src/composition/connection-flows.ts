import { GrantRevoker } from '../application/connection/grant-revoker';
import type { ConnectionConfirmer } from '../application/ports/connection-confirmer.port';
import type { QboPageReads } from '../application/setup/qbo-page-reads';
import { CompleteAuthorization } from '../application/use-cases/complete-authorization.use-case';
import { ConfirmConnection } from '../application/use-cases/confirm-connection.use-case';
import { Disconnect } from '../application/use-cases/disconnect.use-case';
import { GetConnectionStatus } from '../application/use-cases/get-connection-status.use-case';
import { StartAuthorization } from '../application/use-cases/start-authorization.use-case';
import { BackgroundConnectionConfirmer, defaultConfirmerTiming } from '../adapters/worker/background-connection.confirmer';
import { chosen, type AdapterChoice, type PluginPorts } from './plugin-ports';

/**
 * Connecting to QBO: the OAuth start and callback (QBO confirms the company before anything is kept), the background
 * confirmation of a connection QBO was too busy to confirm, the status the page follows, and disconnecting.
 */
export const createConnectionFlows = (ports: PluginPorts, pageReads: QboPageReads, confirmerChoice?: AdapterChoice<ConnectionConfirmer>) => {
  const { connectionStore: connections, qboAuthorizer: authorizer, qboCompanyCheck: check, activityLog: activity, settingsStore: settings, clock, logger } = ports;
  const revoker = new GrantRevoker(authorizer, check, logger);
  const confirmConnection = new ConfirmConnection({ connections, authorizer, check, revoker, pageReads, activity, clock });
  const background = new BackgroundConnectionConfirmer(confirmConnection, logger, defaultConfirmerTiming);
  const confirmer = chosen(confirmerChoice, () => background);
  return {
    /** Confirms pending connections in this process (started and stopped with the plugin), whatever confirmer the callback uses. */
    background,
    confirmer,
    useCases: [
      new GetConnectionStatus(connections, confirmer),
      new StartAuthorization(authorizer, ports.oauthStateStore, ports.idGenerator, clock),
      new CompleteAuthorization({ authorizer, states: ports.oauthStateStore, connections, settings, check, revoker, confirmer, pageReads, activity, clock, telemetry: ports.telemetry }),
      new Disconnect(connections, authorizer, activity, clock, logger, pageReads, { settings, telemetry: ports.telemetry }),
    ],
  };
};
