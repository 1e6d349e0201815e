import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { readEntity, presentRecord } from '../entity-writer';
import type { EmulatorState } from '../emulator-state';
import { objectNotFound, QboFault, queryParserError, validationFault } from '../qbo-fault';
import { formatResponseTime } from '../qbo-time';
import { runQuery } from '../query/query-runner';
import type { RealmStore } from '../realm-store';
import { apiGate, openExchange } from './api-gate';
import { readRequestBody } from './request-body';
import { runBatch } from './batch-handler';
import { entityOrFault, runWrite, writeOperationOf } from './entity-operations';
import { exchangeOf, reply, replyFault } from './exchange';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The QBO Accounting API v3 for one company: `/v3/company/:realmId/...`. */
export function companyApiRouter(state: EmulatorState): Router {
  const router = express.Router({ mergeParams: true });
  router.use(openExchange(state));
  router.use(readRequestBody(state));
  router.use(apiGate(state));

  const storeOf = (res: Response): RealmStore => exchangeOf(res).store as RealmStore;
  const answer = (req: Request, res: Response, work: () => Record<string, unknown>): void => {
    try {
      reply(state, req, res, 200, { ...work(), time: formatResponseTime(state.now(), storeOf(res).timeZone) });
    } catch (error) {
      if (error instanceof QboFault) return replyFault(state, req, res, error);
      throw error;
    }
  };
  const query = (req: Request, res: Response, statement: string): void =>
    answer(req, res, () => {
      if (statement.trim() === '') throw queryParserError('Encountered "<EOF>": the query is empty.');
      return { QueryResponse: runQuery(storeOf(res), statement) };
    });

  router.get('/query', (req, res) => query(req, res, text(req.query.query)));
  router.post('/query', (req, res) => query(req, res, text(req.body)));
  router.post('/batch', (req, res) => answer(req, res, () => runBatch(storeOf(res), req.body, state.now(), exchangeOf(res).requestid)));
  // Intuit: "GET /v3/company/<realmID>/companyinfo/<realmID>"; another id names no company here.
  router.get('/companyinfo/:id', (req, res) =>
    answer(req, res, () => {
      if (req.params.id !== storeOf(res).realmId) throw objectNotFound('Id');
      return { CompanyInfo: presentRecord(storeOf(res), readEntity(storeOf(res), 'CompanyInfo', '1')) };
    }),
  );
  // Intuit: "GET /v3/company/<realmID>/preferences" reads the company's one Preferences object.
  router.get('/preferences', (req, res) =>
    answer(req, res, () => ({ Preferences: presentRecord(storeOf(res), readEntity(storeOf(res), 'Preferences', '1')) })),
  );
  router.get('/:entity/:id', (req, res) =>
    answer(req, res, () => {
      const entity = entityOrFault(req.params.entity as string);
      return { [entity]: presentRecord(storeOf(res), readEntity(storeOf(res), entity, req.params.id as string)) };
    }),
  );
  router.post('/:entity', (req, res) =>
    answer(req, res, () => {
      const entity = entityOrFault(req.params.entity as string);
      const operation = writeOperationOf(text(req.query.operation), text(req.query.include), req.body);
      const allowDuplicateDocNumber = text(req.query.include).toLowerCase().split(',').includes('allowduplicatedocnum');
      return runWrite(storeOf(res), entity, operation, req.body, { now: state.now(), allowDuplicateDocNumber });
    }),
  );
  router.use((req: Request, res: Response) =>
    replyFault(state, req, res, validationFault('500', 'Unsupported Operation', `Operation ${req.method} ${req.path} is not supported.`)),
  );
  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent || !res.locals.exchange) return next(error);
    replyFault(state, req, res, error instanceof QboFault ? error : systemFault(error));
  });
  return router;
}

function systemFault(error: unknown): QboFault {
  console.error('qbo emulator: unexpected error', error);
  return new QboFault(500, 'SystemFault', [{ Message: 'An application error has occurred while processing your request', Detail: String(error), code: '10000', element: '' }]);
}
