import type { ActivityLog } from '../../application/ports/activity-log.port';
import type { Clock } from '../../application/ports/clock.port';
import type { ConnectionStore } from '../../application/ports/connection-store.port';
import type { Logger } from '../../application/ports/logger.port';
import type { QboBudgetStore } from '../../application/ports/qbo-budget-store.port';
import type { QboAuthorizer } from '../../application/ports/qbo-authorizer.port';
import type { QboCompanyCheck } from '../../application/ports/qbo-company-check.port';
import type { QboGateway } from '../../application/ports/qbo-gateway.port';
import { silentTelemetry, type Telemetry } from '../../application/ports/telemetry.port';
import { HttpQboCompanyCheck } from './http-qbo-company.check';
import { HttpQboGateway } from './http-qbo.gateway';
import { IntuitQboAuthorizer } from './intuit-qbo.authorizer';
import { QboAccessTokens } from './qbo-access-tokens';
import { QboHttpClient } from './qbo-http.client';
import type { QboOptions } from './qbo-options';

export interface QboAdapterParts {
  readonly options: QboOptions;
  readonly connections: ConnectionStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where request statuses and latencies, and a connection needing a reconnect, are reported; silent when left out. */
  readonly telemetry?: Telemetry;
  /** Another authorizer (a host's own OAuth): the gateway refreshes tokens through it instead of through Intuit's. */
  readonly authorizer?: QboAuthorizer;
  /** The plugin's current stop signal: aborts every wait of the QBO client (docs/adr/0060). */
  readonly stopSignal?: () => AbortSignal | undefined;
  /** Where a lost connection is written down for the admin (an activity row); nowhere when left out. */
  readonly activity?: ActivityLog;
  /** Each company's QBO budget kept with the host's other processes (docs/adr/0072); this process paces alone without it. */
  readonly budget?: QboBudgetStore;
}

/**
 * Intuit (or an emulator): the OAuth authorizer and the data API's gateway, sharing one token source so a refresh
 * is single-flight, and the company check that proves which company new tokens open. The one wiring the plugin and
 * the tests share.
 */
export const createQboAdapters = ({ options, connections, clock, logger, telemetry = silentTelemetry, authorizer = new IntuitQboAuthorizer(options, clock), activity, stopSignal, budget }: QboAdapterParts): { gateway: QboGateway; authorizer: QboAuthorizer; companyCheck: QboCompanyCheck } => {
  const tokens = new QboAccessTokens(connections, authorizer, clock, logger, telemetry, activity);
  const gateway = new HttpQboGateway(new QboHttpClient(options, tokens, clock, logger, telemetry, stopSignal, budget));
  return { gateway, authorizer, companyCheck: new HttpQboCompanyCheck(options, clock, logger, telemetry) };
};
