import express, { type Request, type Response, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { EmulatorState } from '../emulator-state';

const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `Authorization: Basic base64(id:secret)` → the client, when the emulator accepts it. */
function clientOf(state: EmulatorState, req: Request): string | undefined {
  const match = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  const clientId = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (state.options.clientId !== undefined && clientId !== state.options.clientId) return undefined;
  if (state.options.clientSecret !== undefined && secret !== state.options.clientSecret) return undefined;
  return clientId;
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).setHeader('intuit_tid', randomUUID()).json({ error, error_description: description });
}

function redirectWith(res: Response, redirectUri: string, params: Record<string, string>): void {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  res.redirect(302, target.toString());
}

/** Intuit's OAuth 2.0 endpoints with automatic consent. */
export function oauthRouter(state: EmulatorState): Router {
  const router = express.Router();

  const authorize = (req: Request, res: Response): void => {
    const clientId = text(req.query.client_id);
    const redirectUri = text(req.query.redirect_uri);
    const stateParam = text(req.query.state);
    if (!clientId || (state.options.clientId !== undefined && clientId !== state.options.clientId)) {
      res.status(400).type('text').send('invalid_client: unknown client_id');
      return;
    }
    if (!URL.canParse(redirectUri)) {
      res.status(400).type('text').send('invalid_request: redirect_uri must be an absolute URL');
      return;
    }
    if (text(req.query.response_type) !== 'code') return redirectWith(res, redirectUri, { error: 'unsupported_response_type', state: stateParam });
    if (!text(req.query.scope).split(/\s+/).includes(ACCOUNTING_SCOPE)) return redirectWith(res, redirectUri, { error: 'invalid_scope', state: stateParam });
    if (state.denyNextAuthorization) {
      // A user without admin rights cannot connect an app: Intuit sends them back with access_denied.
      state.denyNextAuthorization = false;
      return redirectWith(res, redirectUri, { error: 'access_denied', state: stateParam });
    }
    const realmId = state.lastCreatedRealmId ?? state.createRealm().realmId;
    const code = state.tokens.issueCode(realmId, clientId, redirectUri, state.now());
    redirectWith(res, redirectUri, { code, state: stateParam, realmId });
  };
  router.get('/oauth2/authorize', authorize);
  router.get('/connect/oauth2', authorize);

  router.post('/oauth2/v1/tokens/bearer', express.urlencoded({ extended: false }), (req, res) => {
    const clientId = clientOf(state, req);
    if (!clientId) return oauthError(res, 401, 'invalid_client', 'Client authentication failed');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grantType = text(body.grant_type);
    const now = state.now();
    let tokens;
    if (grantType === 'authorization_code') {
      tokens = state.tokens.redeemCode(text(body.code), clientId, text(body.redirect_uri), now);
    } else if (grantType === 'refresh_token') {
      tokens = state.tokens.refresh(text(body.refresh_token), clientId, now);
    } else {
      return oauthError(res, 400, 'unsupported_grant_type', `grant_type ${grantType || '(none)'} is not supported`);
    }
    if (!tokens) return oauthError(res, 400, 'invalid_grant', 'Token invalid');
    res.setHeader('intuit_tid', randomUUID()).setHeader('Cache-Control', 'no-store').json(tokens);
  });

  const revoke = (req: Request, res: Response): void => {
    if (!clientOf(state, req)) return oauthError(res, 401, 'invalid_client', 'Client authentication failed');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = text(body.token);
    if (!token) return oauthError(res, 400, 'invalid_request', 'token is required');
    state.tokens.revoke(token);
    res.status(200).setHeader('intuit_tid', randomUUID()).end();
  };
  const bodyParsers = [express.json(), express.urlencoded({ extended: false })];
  router.post('/oauth2/v1/tokens/revoke', ...bodyParsers, revoke);
  router.post('/v2/oauth2/tokens/revoke', ...bodyParsers, revoke);
  return router;
}
