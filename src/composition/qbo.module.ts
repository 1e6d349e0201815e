import { ContainerModule } from 'inversify';
import { QboAuthorizer } from '../application/ports/qbo-authorizer.port';
import { QboGateway } from '../application/ports/qbo-gateway.port';
import { QboCompanyCheck } from '../application/ports/qbo-company-check.port';
import { HttpQboCompanyCheck } from '../adapters/qbo/http-qbo-company.check';
import { HttpQboGateway } from '../adapters/qbo/http-qbo.gateway';
import { IntuitQboAuthorizer } from '../adapters/qbo/intuit-qbo.authorizer';
import { QboAccessTokens } from '../adapters/qbo/qbo-access-tokens';
import { QboHttpClient } from '../adapters/qbo/qbo-http.client';
import { QboOptions } from '../adapters/qbo/qbo-options';
import type { QboSyncPluginOptions } from './plugin-options';

/** Intuit (or an emulator): OAuth, tokens and the data API. Singletons, so token refresh is single-flight. */
export const qboModule = (options: QboSyncPluginOptions) =>
  new ContainerModule(({ bind }) => {
    bind<QboOptions>(QboOptions).toConstantValue(options.qbo);
    bind(QboAccessTokens).toSelf().inSingletonScope();
    bind(QboHttpClient).toSelf().inSingletonScope();
    bind<QboAuthorizer>(QboAuthorizer).to(IntuitQboAuthorizer).inSingletonScope();
    bind<QboGateway>(QboGateway).to(HttpQboGateway).inSingletonScope();
    bind<QboCompanyCheck>(QboCompanyCheck).to(HttpQboCompanyCheck).inSingletonScope();
  });
