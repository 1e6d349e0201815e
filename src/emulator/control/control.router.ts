import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { booksSummary } from '../books/books-summary';
import { EMULATED_ENTITIES, entityFromName, type Body } from '../emulated-entity';
import { mergeConfig } from '../emulator-config';
import { FAULT_KINDS, type EmulatorState, type FaultKind } from '../emulator-state';
import { createEntity, deletedBody, presentRecord, updateEntity } from '../entity-writer';
import { entityOrFault } from '../api/entity-operations';
import { QboFault } from '../qbo-fault';
import { formatResponseTime } from '../qbo-time';
import type { RealmStore } from '../realm-store';
import { controlGuard } from './control-guard';
import { renderStatePage } from './state-page';
import { SALES_TAX_MODES, type SalesTaxMode } from '../tax/sales-tax-mode';
import { turnOnSalesTax } from '../tax/tax-setup';

const isTimeZone = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** `/__emulator/...`: what tests and benchmarks use to set the stage and read what QBO holds. */
export function controlRouter(state: EmulatorState): Router {
  const router = express.Router();
  router.use(controlGuard(state.options.controlToken));
  router.use(express.json({ limit: '20mb' }));

  const realmOf = (req: Request): RealmStore => {
    const store = state.realms.get(String(req.params.realmId));
    if (!store) throw new ControlError(404, `No company with realm id ${String(req.params.realmId)}`);
    return store;
  };

  router.get('/', (_req, res) => {
    res.type('html').send(renderStatePage([...state.realms.values()]));
  });

  router.post('/realms', (req, res) => {
    const { companyName, salesTax, timeZone, homeCurrency } = (req.body ?? {}) as Body;
    if (homeCurrency !== undefined && (typeof homeCurrency !== 'string' || !/^[A-Z]{3}$/.test(homeCurrency))) {
      throw new ControlError(400, 'homeCurrency must be an ISO 4217 code such as USD or CAD');
    }
    if (timeZone !== undefined && !isTimeZone(timeZone)) throw new ControlError(400, 'timeZone must be an IANA time zone name such as America/New_York');
    if (companyName !== undefined && (typeof companyName !== 'string' || companyName.trim() === '')) {
      throw new ControlError(400, 'companyName must be a non-empty string');
    }
    if (salesTax !== undefined && !SALES_TAX_MODES.includes(salesTax as SalesTaxMode)) {
      throw new ControlError(400, `salesTax must be one of ${SALES_TAX_MODES.join(', ')} (automated: US automated sales tax; manual: tax codes and rates)`);
    }
    const store = state.createRealm(companyName as string | undefined, { salesTax: salesTax as SalesTaxMode | undefined, timeZone: timeZone as string | undefined, homeCurrency: homeCurrency as string | undefined });
    const tokens = state.tokens.issue(store.realmId, null, state.now());
    res.status(201).json({ realmId: store.realmId, companyName: store.companyName, salesTax: store.salesTax, accessToken: tokens.access_token, refreshToken: tokens.refresh_token });
  });

  router.get('/realms/:realmId/state', (req, res) => {
    const store = realmOf(req);
    const entities: Record<string, Body[]> = {};
    for (const entity of EMULATED_ENTITIES) {
      const records = [...store.table(entity).values()];
      if (records.length > 0) entities[entity] = records.map((record) => (record.deleted ? { ...presentRecord(store, record), ...deletedBody(record) } : presentRecord(store, record)));
    }
    res.json(entities);
  });

  // A person turning sales tax on in QBO (Taxes → Set up sales tax) in a company that had it off: codes and rates
  // appear, and Preferences.TaxPrefs says so. QBO offers no way back, so neither does this.
  router.post('/realms/:realmId/sales-tax', (req, res) => {
    const store = realmOf(req);
    const { mode } = (req.body ?? {}) as Body;
    if (mode !== 'automated' && mode !== 'manual') throw new ControlError(400, 'mode must be automated or manual');
    if (store.salesTax !== 'off') throw new ControlError(409, `Sales tax is already on (${store.salesTax}) in this company`);
    const now = state.now();
    const taxPrefs = turnOnSalesTax(store, mode, now, (account) => createEntity(store, 'Account', account, { now }).id);
    const preferences = store.get('Preferences', '1');
    if (preferences) {
      preferences.body = { ...preferences.body, TaxPrefs: taxPrefs };
      preferences.syncToken += 1;
      preferences.updatedAt = now;
    }
    store.version += 1;
    res.json({ salesTax: store.salesTax, TaxPrefs: taxPrefs });
  });

  // The books a bookkeeper compares: per customer open A/R, open credit and balance; per account its balance (cents).
  router.get('/realms/:realmId/books', (req, res) => {
    res.json(booksSummary(realmOf(req)));
  });

  router.get('/realms/:realmId/requests', (req, res) => {
    res.json({ requests: realmOf(req).requests });
  });

  // Seeding as if a person had typed the record into QBO: no token, no limits, no log entry, QBO's validation.
  router.post('/realms/:realmId/entities/:entity', (req, res) => {
    const store = realmOf(req);
    const entity = entityOrFault(String(req.params.entity));
    const record = createEntity(store, entity, req.body, { now: state.now() });
    res.status(201).json({ [entity]: presentRecord(store, record), time: formatResponseTime(state.now(), store.timeZone) });
  });

  // An edit in the QBO UI: a sparse update that needs no SyncToken and raises it.
  router.post('/realms/:realmId/entities/:entity/:id', (req, res) => {
    const store = realmOf(req);
    const entity = entityOrFault(String(req.params.entity));
    const current = store.get(entity, String(req.params.id));
    if (!current || current.deleted) throw new ControlError(404, `No ${entity} with id ${String(req.params.id)}`);
    const changes = { ...(req.body as Body), Id: current.id, SyncToken: String(current.syncToken), sparse: true };
    const record = updateEntity(store, entity, changes, { now: state.now() });
    res.json({ [entity]: presentRecord(store, record), time: formatResponseTime(state.now(), store.timeZone) });
  });

  // The bookkeeper closes the books through a date (Settings → Advanced → Close the books); null reopens them.
  router.post('/realms/:realmId/close-books', (req, res) => {
    const store = realmOf(req);
    const closedThrough = (req.body as Body | undefined)?.closedThrough;
    if (closedThrough !== null && (typeof closedThrough !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(closedThrough))) {
      throw new ControlError(400, 'closedThrough must be a date YYYY-MM-DD, or null to reopen the books');
    }
    store.closedThrough = closedThrough;
    res.json({ realmId: store.realmId, closedThrough });
  });

  router.post('/faults', (req, res) => {
    const body = (req.body ?? {}) as Body;
    const kind = body.kind as FaultKind;
    if (!FAULT_KINDS.includes(kind)) throw new ControlError(400, `kind must be one of ${FAULT_KINDS.join(', ')}`);
    const realmId = body.realmId === undefined ? undefined : String(body.realmId);
    if (realmId !== undefined && !state.realms.has(realmId)) throw new ControlError(404, `No company with realm id ${realmId}`);
    const count = body.count === undefined ? 1 : Number(body.count);
    if (!Number.isInteger(count) || count < 1) throw new ControlError(400, 'count must be a whole number of at least 1');
    if (kind === 'expire-access-token') state.tokens.expireAccessTokens(realmId, state.now());
    else if (kind === 'revoke-refresh-token') state.tokens.revokeRealm(realmId);
    else state.addFault(kind, realmId, count);
    res.status(201).json({ kind, realmId: realmId ?? null, count });
  });

  // Faults still armed (say, a test's last one that no request met) would otherwise hit whoever reads next.
  router.delete('/faults', (req, res) => {
    const realmId = typeof req.query.realmId === 'string' ? req.query.realmId : undefined;
    if (req.query.realmId !== undefined && realmId === undefined) throw new ControlError(400, 'realmId must be given once');
    res.json({ realmId: realmId ?? null, cleared: state.clearFaults(realmId) });
  });

  // A definite refusal (400 ValidationFault) for the next `count` writes of `entity` in a company, or every write
  // until cleared (`count: null`): a refusal whose cause a test can then remove (armed-refusals.ts).
  router.post('/refusals', (req, res) => {
    const body = (req.body ?? {}) as Body;
    const realmId = String(body.realmId ?? '');
    const store = state.realms.get(realmId);
    if (!store) throw new ControlError(404, `No company with realm id ${realmId}`);
    const entity = entityFromName(String(body.entity ?? ''));
    if (!entity) throw new ControlError(400, `entity must be one of ${EMULATED_ENTITIES.join(', ')}`);
    const count = body.count === undefined ? 1 : body.count;
    if (count !== null && (!Number.isInteger(count) || (count as number) < 1)) throw new ControlError(400, 'count must be a whole number of at least 1, or null for every write until cleared');
    const code = body.code === undefined ? '6000' : String(body.code);
    if (!/^\d{3,5}$/.test(code)) throw new ControlError(400, 'code must be a QBO fault code (3 to 5 digits)');
    const detail = body.detail === undefined ? `The ${entity} was refused by a test (armed refusal).` : String(body.detail);
    store.refusals.arm({ entity, code, detail, remaining: count as number | null });
    res.status(201).json({ realmId, entity, count, code, detail });
  });

  router.delete('/refusals', (req, res) => {
    const realmId = typeof req.query.realmId === 'string' ? req.query.realmId : '';
    const store = state.realms.get(realmId);
    if (!store) throw new ControlError(404, `No company with realm id ${realmId}`);
    const entity = typeof req.query.entity === 'string' ? entityFromName(req.query.entity) : undefined;
    if (req.query.entity !== undefined && !entity) throw new ControlError(400, `entity must be one of ${EMULATED_ENTITIES.join(', ')}`);
    res.json({ realmId, cleared: store.refusals.clear(entity ?? undefined) });
  });

  router.post('/config', (req, res) => {
    try {
      state.config = mergeConfig(state.config, req.body ?? {});
    } catch (error) {
      throw new ControlError(400, (error as Error).message);
    }
    res.json(state.config);
  });

  router.get('/config', (_req, res) => {
    res.json(state.config);
  });

  // The next authorization is refused as if the user were not a company admin.
  router.post('/deny-next-authorization', (_req, res) => {
    state.denyNextAuthorization = true;
    res.status(204).end();
  });

  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof QboFault) return res.status(error.status).json({ ...error.toBody(), time: formatResponseTime(state.now()) });
    if (error instanceof ControlError) return res.status(error.status).json({ error: { message: error.message } });
    if ((error as { type?: string }).type === 'entity.parse.failed') return res.status(400).json({ error: { message: 'The body is not valid JSON' } });
    next(error);
  });
  return router;
}
