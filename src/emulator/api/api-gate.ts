import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { EmulatorState } from '../emulator-state';
import { authenticationFault, businessValidation, gatewayAuthBody, systemFailure, throttled } from '../qbo-fault';
import { bodyFault } from './request-body';
import { isWriteRequest, logOnly, reply, replyFault, requestIdOf, setIntuitTid, type Exchange } from './exchange';

const MAX_REQUEST_ID_LENGTH = 50;
const TIMEOUT_HOLD_S = 130; // past QBO's own 120 s, so the client's timeout always fires first

const bearerOf = (req: Request): string | undefined => {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match ? (match[1] as string).trim() : undefined;
};

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The exchange a request starts with, before its body is read: the realm it names, its requestid, whether it writes. */
export function openExchange(state: EmulatorState): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    setIntuitTid(res);
    const exchange: Exchange = {
      store: state.realms.get(String(req.params.realmId)),
      requestid: requestIdOf(req),
      isWrite: isWriteRequest(req),
      dropAfterApply: false,
      bodyRead: false,
    };
    res.locals.exchange = exchange;
    next();
  };
}

/**
 * Everything between the (completely read) request and the entity logic, in QBO's order: the bearer token for this
 * realm, injected faults, the realm's rate limits, artificial latency, then the requestid replay. From the replay check
 * to the answer nothing waits, so a write is applied completely or not at all, whether or not its client is still there.
 */
export function apiGate(state: EmulatorState): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const exchange = res.locals.exchange as Exchange;
    const realmId = String(req.params.realmId);
    const store = exchange.store;

    const access = state.tokens.checkAccess(bearerOf(req), state.now());
    if (!access.ok) return reply(state, req, res, 401, gatewayAuthBody(401, state.now()));
    if (!store) return replyFault(state, req, res, authenticationFault('130'));
    if (access.realmId !== realmId) return replyFault(state, req, res, authenticationFault('100'));

    const fault = state.takeFault(realmId);
    if (fault === 'forbidden') return reply(state, req, res, 403, gatewayAuthBody(403, state.now()));
    if (fault === 'throttle') return replyFault(state, req, res, throttled());
    if (fault === 'server-error') return replyFault(state, req, res, systemFailure());
    if (fault === 'unavailable') {
      logOnly(state, req, res, 503, false);
      // QBO's front end answers an outage with an HTML page, not JSON.
      res.status(503).type('html').send('<html><body><h1>503 Service Unavailable</h1></body></html>');
      return;
    }
    if (fault === 'timeout') return holdOpen(state, req, res);
    exchange.dropAfterApply = fault === 'apply-then-drop';

    const isBatch = /\/batch$/i.test(req.path);
    const release = state.limiter.admit(realmId, isBatch, state.config.rateLimits, state.now(), state.scaledMs(60));
    if (!release) return replyFault(state, req, res, throttled());
    res.on('close', release);

    if (state.config.latencyMs > 0) await delay(state.config.latencyMs * state.config.timeScale);

    if (exchange.bodyError !== undefined) return replyFault(state, req, res, bodyFault(exchange.bodyError));
    if (exchange.requestid && exchange.requestid.length > MAX_REQUEST_ID_LENGTH) {
      const length = exchange.requestid.length;
      return replyFault(state, req, res, businessValidation(`You cannot enter more than ${MAX_REQUEST_ID_LENGTH} characters in the request_id field. You entered ${length} characters.`, 'requestid'));
    }
    const stored = exchange.isWrite && exchange.requestid ? store.responses.get(exchange.requestid) : undefined;
    if (stored) return reply(state, req, res, stored.status, stored.body, { replayed: true });
    next();
  };
}

/** The `timeout` fault: no answer until the client gives up (or the emulator closes). */
function holdOpen(state: EmulatorState, req: Request, res: Response): void {
  logOnly(state, req, res, 0, true);
  state.heldResponses.add(res);
  const timer = setTimeout(() => res.destroy(), state.scaledMs(TIMEOUT_HOLD_S));
  timer.unref();
  res.on('close', () => {
    clearTimeout(timer);
    state.heldResponses.delete(res);
  });
}
