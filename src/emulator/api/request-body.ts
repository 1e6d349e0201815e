import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { EmulatorState } from '../emulator-state';
import { validationFault, type QboFault } from '../qbo-fault';
import { exchangeOf, logOnly } from './exchange';

const PARSERS: readonly RequestHandler[] = [
  express.json({ type: ['application/json'], limit: '20mb' }),
  express.text({ type: ['application/text', 'text/plain'], limit: '1mb' }),
];

const kindOf = (error: unknown): string | undefined => (typeof error === 'object' && error !== null ? (error as { type?: string }).type : undefined);

/** The refusal QBO gives a body it read but cannot use; answered after the gate, and never remembered under the requestid. */
export function bodyFault(error: unknown): QboFault {
  if (kindOf(error) === 'entity.too.large') return validationFault('6000', 'A business validation error has occurred while processing your request', 'Business Validation Error: The request is too large.');
  return validationFault('2010', 'Request has invalid or unsupported property', 'The request body is not valid JSON');
}

/**
 * Reads the whole body before anything waits or decides (issue 16): a client that goes away while it uploads leaves
 * nothing behind (no answer, no requestid memory); a body that arrived but cannot be parsed is kept as an error for the
 * gate to answer in QBO's order (auth, faults, limits first).
 */
export function readRequestBody(state: EmulatorState): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (error?: unknown): void => {
      const exchange = exchangeOf(res);
      if (error !== undefined) {
        if (kindOf(error) === 'request.aborted') return logOnly(state, req, res, 0, true);
        exchange.bodyError = error;
        return next();
      }
      const parser = PARSERS[index++];
      if (!parser) {
        exchange.bodyRead = true;
        return next();
      }
      parser(req, res, step);
    };
    step();
  };
}
