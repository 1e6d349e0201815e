import { QboFailure, type QboBatchOperation, type QboCreated, type QboGateway } from '../../application/ports/qbo-gateway.port';
import type { QboError } from '../../domain/qbo/qbo-error';
import type {
  QboChanges,
  QboDraft,
  QboNamedEntity,
  QboReadableEntity,
  QboRecordOf,
  QboRef,
  QboSalesTaxMode,
  QboTransactionEntity,
} from '../../domain/qbo/qbo-records';
import { hash128 } from '../../domain/shared/hash';
import { carriesMarker } from '../../domain/sync/private-note';
import { err, ok, type Result } from '../../domain/shared/result';
import { refFrom } from './qbo-customer.mapper';
import { qboErrorFrom } from './qbo-fault.parser';
import { unavailable, type FaultContext } from '../../domain/qbo/qbo-error-words';
import { QboHttpClient, type QboAnswer, type QboCall } from './qbo-http.client';
import { isObject, objectAt, type QboJson } from './qbo-json';
import { pageSize, quote, selectPage } from './qbo-query';
import { changesJson, draftJson, entityPath, recordFrom } from './qbo-record.mapper';
import { batchAnswers, entityIn, isDeletedAnswer, queryRows } from './qbo-response.parser';

const maxBatch = 30;
// Uncertain transaction writes are recent: the marker is looked for among the newest rows only.
const markerScanPages = 5;

/** The QBO Accounting API v3 over HTTP; see QboHttpClient for tokens, pacing and retries. */
export class HttpQboGateway implements QboGateway {
  constructor(private readonly http: QboHttpClient) {}

  create(tenantId: string, draft: QboDraft, requestId: string): Promise<Result<QboCreated, QboError>> {
    const call: QboCall = { method: 'POST', path: entityPath(draft.entity), body: draftJson(draft), requestId, context: contextOf(draft) };
    const answered = (answer: QboAnswer): Result<QboCreated, QboError> => {
      const ref = refIn(draft.entity)(answer);
      return ref.ok ? ok({ ...ref.value, answered: true }) : ref;
    };
    // After a lost answer the record is looked up instead; what that finds is not marked answered.
    return this.http.send<QboCreated>(tenantId, call, answered, async () => {
      const found = await this.findCreated(tenantId, draft);
      return found.ok ? ok(found.value?.ref ?? null) : found;
    });
  }

  update(tenantId: string, ref: QboRef, changes: QboChanges, requestId: string): Promise<Result<QboRef, QboError>> {
    const body = { ...changesJson(changes), Id: ref.id, SyncToken: ref.syncToken, sparse: true };
    const context: FaultContext = { entity: changes.entity, ...nameOf(changes.fields) };
    return this.http.send(tenantId, { method: 'POST', path: entityPath(changes.entity), body, requestId, context }, refIn(changes.entity));
  }

  delete(tenantId: string, entity: QboTransactionEntity, ref: QboRef, requestId: string): Promise<Result<void, QboError>> {
    const call: QboCall = {
      method: 'POST',
      path: entityPath(entity),
      params: { operation: 'delete' },
      body: { Id: ref.id, SyncToken: ref.syncToken },
      requestId,
      context: { entity },
    };
    const decode = ({ body, intuitTid }: QboAnswer): Result<void, QboError> =>
      isDeletedAnswer(entity, body) ? ok(undefined) : err(unavailable('QBO answered a delete without saying Deleted', intuitTid));
    return this.http.send(tenantId, call, decode, async () => {
      const still = await this.get(tenantId, entity, ref.id);
      if (!still.ok) return still.error.kind === 'NotFound' ? ok(undefined) : still;
      return ok(null);
    });
  }

  void(tenantId: string, entity: 'Invoice' | 'Payment', ref: QboRef, requestId: string): Promise<Result<QboRef, QboError>> {
    // Payments void through a sparse update with include=void; invoices through operation=void (qbo-api.md §2).
    const call: QboCall =
      entity === 'Payment'
        ? { method: 'POST', path: 'payment', params: { operation: 'update', include: 'void' }, body: { Id: ref.id, SyncToken: ref.syncToken, sparse: true }, requestId, context: { entity } }
        : { method: 'POST', path: 'invoice', params: { operation: 'void' }, body: { Id: ref.id, SyncToken: ref.syncToken }, requestId, context: { entity } };
    return this.http.send(tenantId, call, refIn(entity));
  }

  get<E extends QboReadableEntity>(tenantId: string, entity: E, id: string): Promise<Result<QboRecordOf<E>, QboError>> {
    if (!/^\d+$/.test(id)) return Promise.resolve(err(invalidId(entity, id)));
    const decode = ({ body, intuitTid }: QboAnswer): Result<QboRecordOf<E>, QboError> => {
      const json = entityIn(entity, body);
      return json === null ? err(unreadable(entity, intuitTid)) : readRecord(entity, json, intuitTid);
    };
    return this.http.send(tenantId, { method: 'GET', path: `${entityPath(entity)}/${id}`, context: { entity } }, decode);
  }

  async findByName<E extends QboNamedEntity>(tenantId: string, entity: E, name: string): Promise<Result<QboRecordOf<E> | null, QboError>> {
    const field = entity === 'Item' ? 'Name' : 'DisplayName';
    const page = await this.query(tenantId, entity, selectPage(entity, [`${field} = ${quote(name)}`], 1));
    if (!page.ok) return page;
    // QBO compares names case-insensitively [U]; the rows are checked again here so only a true match is adopted.
    const wanted = name.trim().toLowerCase();
    const match = page.value.find((record) => nameOfRecord(record).trim().toLowerCase() === wanted);
    return ok((match ?? null) as QboRecordOf<E> | null);
  }

  findByMarker<E extends QboTransactionEntity>(tenantId: string, entity: E, marker: string): Promise<Result<QboRecordOf<E> | null, QboError>> {
    return this.scanForMarker(tenantId, entity, marker, []);
  }

  async *list<E extends QboReadableEntity>(tenantId: string, entity: E): AsyncIterable<QboRecordOf<E>> {
    for (let start = 1; ; start += pageSize) {
      const page = await this.query(tenantId, entity, selectPage(entity, [], start));
      if (!page.ok) throw new QboFailure(page.error);
      yield* page.value;
      if (page.value.length < pageSize) return;
    }
  }

  async batch(tenantId: string, operations: readonly QboBatchOperation[]): Promise<readonly Result<QboRef, QboError>[]> {
    if (operations.length === 0) return [];
    if (operations.length > maxBatch) throw new Error(`A QBO batch holds at most ${maxBatch} operations, not ${operations.length}.`);
    const items = operations.map((operation, index) => batchItem(operation, `b${index}`));
    // One requestid for the whole batch, derived from its operations' ids so a retry of the same batch replays.
    const requestId = `qs-batch-${hash128(operations.map((operation) => operation.requestId).join('|'))}`;
    const call: QboCall = { method: 'POST', path: 'batch', body: { BatchItemRequest: items }, requestId, kind: 'batch' };
    const answered = await this.http.send(tenantId, call, (answer) => ok(answer));
    if (!answered.ok) return operations.map(() => err(answered.error));
    const answers = batchAnswers(answered.value.body);
    return operations.map((operation, index) => {
      const entity = entityOfOperation(operation);
      const answer = answers.get(`b${index}`);
      const context: FaultContext = { entity, ...nameOf(operation.operation === 'create' ? operation.draft.fields : operation.changes.fields) };
      if (!answer) return err(unavailable(`QBO's batch answer has no item b${index}`, answered.value.intuitTid));
      if (answer.faulted) return err(qboErrorFrom(400, answer.body, answered.value.intuitTid, context));
      return refIn(entity)({ body: answer.body, ...(answered.value.intuitTid ? { intuitTid: answered.value.intuitTid } : {}) });
    });
  }

  async companyName(tenantId: string): Promise<Result<string, QboError>> {
    const decode = ({ body, intuitTid }: QboAnswer): Result<string, QboError> => {
      const info = queryRows('CompanyInfo' as QboReadableEntity, body)[0];
      const name = info?.['CompanyName'];
      return typeof name === 'string' ? ok(name) : err(unreadable('CompanyInfo', intuitTid));
    };
    return this.http.send(tenantId, { method: 'GET', path: 'query', params: { query: 'SELECT * FROM CompanyInfo' } }, decode);
  }

  async salesTaxMode(tenantId: string): Promise<Result<QboSalesTaxMode, QboError>> {
    const decode = ({ body, intuitTid }: QboAnswer): Result<QboSalesTaxMode, QboError> => {
      const preferences = isObject(body) ? objectAt(body, 'Preferences') : null;
      if (preferences === null) return err(unreadable('Preferences', intuitTid));
      const tax = objectAt(preferences, 'TaxPrefs');
      if (tax?.['UsingSalesTax'] !== true) return ok('off');
      return ok(tax['PartnerTaxEnabled'] === true ? 'automated' : 'manual');
    };
    return this.http.send(tenantId, { method: 'GET', path: 'preferences' }, decode);
  }

  async homeCurrency(tenantId: string): Promise<Result<string, QboError>> {
    const decode = ({ body, intuitTid }: QboAnswer): Result<string, QboError> => {
      const preferences = isObject(body) ? objectAt(body, 'Preferences') : null;
      const home = preferences ? objectAt(objectAt(preferences, 'CurrencyPrefs') ?? {}, 'HomeCurrency') : null;
      const code = home?.['value'];
      // An ISO 4217 code or nothing: a page cannot format money in a currency it does not know.
      return typeof code === 'string' && /^[A-Z]{3}$/.test(code) ? ok(code) : err(unreadable('Preferences', intuitTid));
    };
    return this.http.send(tenantId, { method: 'GET', path: 'preferences' }, decode);
  }

  private query<E extends QboReadableEntity>(tenantId: string, entity: E, query: string): Promise<Result<readonly QboRecordOf<E>[], QboError>> {
    const decode = ({ body, intuitTid }: QboAnswer): Result<readonly QboRecordOf<E>[], QboError> => {
      const records: QboRecordOf<E>[] = [];
      for (const row of queryRows(entity, body)) {
        const record = readRecord(entity, row, intuitTid);
        if (!record.ok) return record;
        records.push(record.value);
      }
      return ok(records);
    };
    return this.http.send(tenantId, { method: 'GET', path: 'query', params: { query }, context: { entity } }, decode);
  }

  /** PrivateNote is not filterable in QBO's query language [U: stricter], so rows are matched here, newest first. */
  private async scanForMarker<E extends QboTransactionEntity>(
    tenantId: string,
    entity: E,
    marker: string,
    where: readonly string[],
  ): Promise<Result<QboRecordOf<E> | null, QboError>> {
    for (let page = 0; page < markerScanPages; page += 1) {
      const whereClause = where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`;
      const query = `SELECT * FROM ${entity}${whereClause} ORDERBY MetaData.CreateTime DESC STARTPOSITION ${page * pageSize + 1} MAXRESULTS ${pageSize}`;
      const rows = await this.query(tenantId, entity, query);
      if (!rows.ok) return rows;
      const match = rows.value.find((record) => carriesMarker((record as QboRecordOf<QboTransactionEntity>).fields.privateNote, marker));
      if (match) return ok(match);
      if (rows.value.length < pageSize) return ok(null);
    }
    return ok(null);
  }

  /** After an uncertain create: the same name (name lists) or the same marker for the same customer (transactions). */
  private async findCreated(tenantId: string, draft: QboDraft): Promise<Result<{ ref: QboRef } | null, QboError>> {
    switch (draft.entity) {
      case 'Customer':
        return this.findByName(tenantId, 'Customer', draft.fields.displayName);
      case 'Item':
        return this.findByName(tenantId, 'Item', draft.fields.name);
      case 'Purchase':
        // A purchase names its payee in EntityRef, which QBO's query language does not filter on [U]: the marker alone.
        return this.scanForMarker(tenantId, draft.entity, draft.fields.privateNote, []);
      case 'Deposit':
        return this.scanForMarker(tenantId, 'Deposit', draft.fields.privateNote, []);
      default:
        return this.scanForMarker(tenantId, draft.entity, draft.fields.privateNote, [`CustomerRef = ${quote(draft.fields.customerId)}`]);
    }
  }
}

const refIn =
  (entity: QboReadableEntity) =>
  ({ body, intuitTid }: QboAnswer): Result<QboRef, QboError> => {
    const json = entityIn(entity, body);
    if (json === null) return err(unreadable(entity, intuitTid));
    try {
      return ok(refFrom(json, entity));
    } catch {
      return err(unreadable(entity, intuitTid));
    }
  };

const readRecord = <E extends QboReadableEntity>(entity: E, json: QboJson, intuitTid: string | undefined): Result<QboRecordOf<E>, QboError> => {
  try {
    return ok(recordFrom(entity, json));
  } catch (error) {
    return err(unavailable(`QBO sent a ${entity} we could not read: ${error instanceof Error ? error.message : 'unknown'}`, intuitTid));
  }
};

const unreadable = (what: string, intuitTid: string | undefined): QboError => unavailable(`QBO's answer held no ${what}`, intuitTid);

const invalidId = (entity: string, id: string): QboError => ({
  kind: 'Validation',
  message: `'${id}' is not a QuickBooks ${entity} id.`,
});

const nameOf = (fields: object): { name?: string; docNumber?: string } => {
  const { displayName, name, docNumber } = fields as { displayName?: unknown; name?: unknown; docNumber?: unknown };
  const label = typeof displayName === 'string' ? displayName : typeof name === 'string' ? name : undefined;
  return { ...(label ? { name: label } : {}), ...(typeof docNumber === 'string' ? { docNumber } : {}) };
};

const contextOf = (draft: QboDraft): FaultContext => ({ entity: draft.entity, ...nameOf(draft.fields) });

const nameOfRecord = (record: QboRecordOf<QboNamedEntity>): string =>
  record.entity === 'Item' ? record.fields.name : record.fields.displayName;

const entityOfOperation = (operation: QboBatchOperation): QboDraft['entity'] =>
  operation.operation === 'create' ? operation.draft.entity : operation.changes.entity;

const batchItem = (operation: QboBatchOperation, bId: string): Record<string, unknown> =>
  operation.operation === 'create'
    ? { bId, operation: 'create', [operation.draft.entity]: draftJson(operation.draft) }
    : {
        bId,
        operation: 'update',
        [operation.changes.entity]: { ...changesJson(operation.changes), Id: operation.ref.id, SyncToken: operation.ref.syncToken, sparse: true },
      };
