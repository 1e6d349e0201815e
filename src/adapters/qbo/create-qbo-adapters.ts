import type { Clock } from '../../application/ports/clock.port';
import type { ConnectionStore } from '../../application/ports/connection-store.port';
import type { Logger } from '../../application/ports/logger.port';
import type { QboAuthorizer } from '../../application/ports/qbo-authorizer.port';
import type { QboGateway } from '../../application/ports/qbo-gateway.port';
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
}

/** The gateway and authorizer wired by hand, for tests and benchmarks that run without a container. */
export const createQboAdapters = ({ options, connections, clock, logger }: QboAdapterParts): { gateway: QboGateway; authorizer: QboAuthorizer } => {
  const authorizer = new IntuitQboAuthorizer(options, clock);
  const tokens = new QboAccessTokens(connections, authorizer, clock, logger);
  const gateway = new HttpQboGateway(new QboHttpClient(options, tokens, clock, logger));
  return { gateway, authorizer };
};
