import type { Body } from '../emulated-entity';
import { businessValidation, QboFault, validationFault } from '../qbo-fault';
import type { RealmStore } from '../realm-store';
import { runQuery } from '../query/query-runner';
import { entityOrFault, runWrite, type WriteOperation } from './entity-operations';

const MAX_BATCH_ITEMS = 30;
const ITEM_KEYS = new Set(['bId', 'operation', 'optionsData']);

function runItem(store: RealmStore, item: Body, now: number): Body {
  if (typeof item.Query === 'string') return { QueryResponse: runQuery(store, item.Query) };
  const entityKeys = Object.keys(item).filter((key) => !ITEM_KEYS.has(key));
  if (entityKeys.length !== 1) throw validationFault('2010', 'Request has invalid or unsupported property', 'A batch item carries exactly one entity or one Query');
  const entity = entityOrFault(entityKeys[0] as string);
  const operation = String(item.operation ?? '').toLowerCase();
  if (!['create', 'update', 'delete'].includes(operation)) throw validationFault('2170', 'Invalid Enumeration', `Invalid Enumeration : operation ${operation}`, 'operation');
  const write: WriteOperation = operation === 'update' && item.optionsData === 'void' ? 'void' : (operation as WriteOperation);
  return runWrite(store, entity, write, item[entityKeys[0] as string], { now });
}

/**
 * With a requestid, QBO keys each item by requestid and bId together, in its 50-character request_id field: "You cannot
 * enter more than 50 characters in the request_id field. You tried entering 8182e07bba..., which is 68 characters"
 * (QuickBooks-V3-Java-SDK#180; Intuit: batch requestid up to 36, bId up to 10 characters).
 */
function refuseLongItemId(requestid: string | null, bId: string): void {
  if (requestid === null || requestid.length + bId.length <= 50) return;
  const combined = requestid + bId;
  throw businessValidation(`You cannot enter more than 50 characters in the request_id field. You tried entering ${combined.slice(0, 10)}..., which is ${combined.length} characters.`);
}

/** Up to 30 independent items, each answered on its own (a fault in one does not stop the others); HTTP 200 always. */
export function runBatch(store: RealmStore, body: unknown, now: number, requestid: string | null = null): Body {
  const items = (body as Body | null)?.BatchItemRequest;
  if (!Array.isArray(items) || items.length === 0) throw validationFault('2020', 'Required param missing, need to supply the required value for the API', 'Required parameter BatchItemRequest is missing in the request', 'BatchItemRequest');
  if (items.length > MAX_BATCH_ITEMS) throw validationFault('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: A batch may hold at most ${MAX_BATCH_ITEMS} items; it held ${items.length}`);
  const bIds = new Set<string>();
  for (const item of items as Body[]) {
    const bId = item?.bId;
    if (typeof bId !== 'string' || bId === '') throw validationFault('2020', 'Required param missing, need to supply the required value for the API', 'Required parameter bId is missing in the request', 'bId');
    if (bIds.has(bId)) throw validationFault('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: bId ${bId} is used twice`, 'bId');
    bIds.add(bId);
  }
  const responses = (items as Body[]).map((item) => {
    try {
      refuseLongItemId(requestid, item.bId as string);
      return { bId: item.bId, ...runItem(store, item, now) };
    } catch (error) {
      if (!(error instanceof QboFault)) throw error;
      return { bId: item.bId, ...error.toBody() };
    }
  });
  return { BatchItemResponse: responses };
}
