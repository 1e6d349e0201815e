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

/** Answers (or drops) an API request: records it in the realm's log and, for writes with a requestid, in the replay store. */
export function reply(state: EmulatorState, req: Request, res: Response, status: number, body: unknown, flags: { replayed?: boolean } = {}): void {
  const exchange = exchangeOf(res);
  const now = state.now();
  // Only answers QBO actually produced are replayed; throttles, outages and auth failures are retried for real (choice: unverified).
  const remembered = status === 200 || status === 400;
  if (exchange.store && exchange.isWrite && exchange.requestid && remembered && !flags.replayed) {
    exchange.store.responses.set(exchange.requestid, { status, body });
  }
  if (exchange.dropAfterApply) {
    logExchange(req, exchange, status, { dropped: true }, now);
    req.socket.destroy();
    return;
  }
  logExchange(req, exchange, status, flags, now);
  res.status(status).json(body);
}

export function replyFault(state: EmulatorState, req: Request, res: Response, fault: QboFault): void {
  reply(state, req, res, fault.status, { ...fault.toBody(), time: formatResponseTime(state.now()) });
}

/** Logs a request answered outside `reply` (status 0 and dropped: held open or cut without an answer). */
export function logOnly(state: EmulatorState, req: Request, res: Response, status: number, dropped: boolean): void {
  logExchange(req, exchangeOf(res), status, { dropped }, state.now());
}

export const setIntuitTid = (res: Response): void => {
  res.setHeader('intuit_tid', randomUUID());
};

export { QboFault };
