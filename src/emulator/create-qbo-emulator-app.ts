import express, { type Express } from 'express';
import { companyApiRouter } from './api/company-api.router';
import { controlRouter } from './control/control.router';
import { EmulatorState, type EmulatorOptions } from './emulator-state';
import { oauthRouter } from './oauth/oauth.router';
import { recordPageRouter } from './control/record-page';

export type QboEmulatorOptions = EmulatorOptions;

export type QboEmulatorApp = Express & { readonly emulatorState: EmulatorState };

/** The emulator as an Express app, for a host that mounts it in its own process; state lives in this app only. */
export function createQboEmulatorApp(options: QboEmulatorOptions = {}): QboEmulatorApp {
  const state = new EmulatorState(options);
  const app = express();
  app.disable('x-powered-by');
  app.use('/__emulator', controlRouter(state));
  app.use(oauthRouter(state));
  app.use(recordPageRouter(state));
  app.use('/v3/company/:realmId', companyApiRouter(state));
  return Object.assign(app, { emulatorState: state });
}
