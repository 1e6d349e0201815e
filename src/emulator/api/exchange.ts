import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { QboFault } from '../qbo-fault';
import { formatResponseTime } from '../qbo-time';
import type { RealmStore } from '../realm-store';
import type { EmulatorState } from '../emulator-state';

/** What the gate learned about one API request, kept on `res.locals.exchange`. */
export interface Exchange {
  readonly store: RealmStore | undefined;
  readonly requestid: string | null;
  /** Writes are remembered by requestid and replayed; reads are not. */
  readonly isWrite: boolean;
  /** The `apply-then-drop` fault: do the work, then cut the connection instead of answering. */
  dropAfterApply: boolean;
  /**
   * The body arrived complete and parsed. Only then may an answer be remembered under the requestid: an answer to a
   * request the emulator could not read says nothing about the request the client meant (issue 16).
   */
  bodyRead: boolean;
  /** The body arrived but could not be parsed; the gate answers it after its own checks. */
  bodyError?: unknown;
}

export const exchangeOf = (res: Response): Exchange => res.locals.exchange as Exchange;

export const isWriteRequest = (req: Request): boolean => req.method === 'POST' && !/\/query$/i.test(req.path);

export function requestIdOf(req: Request): string | null {
  const value = req.query.requestid;
  return typeof value === 'string' && value !== '' ? value : null;
}

function logExchange(req: Request, exchange: Exchange, status: number, flags: { replayed?: boolean; dropped?: boolean }, now: number): void {
  const operation = typeof req.query.operation === 'string' ? req.query.operation : null;
  exchange.store?.requests.push({
    method: req.method,
    path: req.originalUrl.split('?')[0] as string,
    operation,
    requestid: exchange.requestid,
    status,
    time: new Date(now).toISOString(),
    replayed: flags.replayed ?? false,
    dropped: flags.dropped ?? false,
  });
}

/** Whether QBO would hand this answer back again for a repeat of the requestid. */
function isRemembered(state: EmulatorState, status: number): boolean {
  if (status === 200) return true;
  // Intuit: "instead of performing the operation again or returning an error, the service sends the same response as it
  // did for the original request" (blogs.intuit.com/2015/04/06/15346). Whether that covers refusals is undocumented; the
  // default replays them too (the stricter reading: a client must send a new requestid after a definite refusal).
  // Throttles, outages and auth failures never reached the company, so they are retried for real.
  return status === 400 && state.config.replayRefusals;
}

/** Answers (or drops) an API request: records it in the realm's log and, for writes with a requestid, in the replay store. */
export function reply(state: EmulatorState, req: Request, res: Response, status: number, body: unknown, flags: { replayed?: boolean } = {}): void {
  const exchange = exchangeOf(res);
  const now = state.now();
  const store = exchange.store;
  if (store && exchange.isWrite && exchange.requestid && exchange.bodyRead && !flags.replayed && isRemembered(state, status)) {
    store.responses.set(exchange.requestid, { status, body });
  }
  if (exchange.dropAfterApply) {
    logExchange(req, exchange, status, { dropped: true }, now);
    req.socket.destroy();
    return;
  }
  logExchange(req, exchange, status, flags, now);
  // A client that went away while its request waited still gets its write applied (QBO keeps processing); the
  // answer is kept for the replay above and simply has nobody to go to.
  if (res.writableEnded || res.destroyed) return;
  res.status(status).json(body);
}

export function replyFault(state: EmulatorState, req: Request, res: Response, fault: QboFault): void {
  reply(state, req, res, fault.status, { ...fault.toBody(), time: formatResponseTime(state.now(), exchangeOf(res).store?.timeZone) });
}

/** Logs a request answered outside `reply` (status 0 and dropped: held open or cut without an answer). */
export function logOnly(state: EmulatorState, req: Request, res: Response, status: number, dropped: boolean): void {
  logExchange(req, exchangeOf(res), status, { dropped }, state.now());
}

export const setIntuitTid = (res: Response): void => {
  res.setHeader('intuit_tid', randomUUID());
};

export { QboFault };
