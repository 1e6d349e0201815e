import type { QboReadableEntity } from '../../domain/qbo/qbo-records';
import { arrayAt, isObject, numberAt, objectAt, textAt, type QboJson } from './qbo-json';

/** `{ "Customer": {...}, "time": ... }` → the Customer object, or null when the envelope lacks it. */
export const entityIn = (entity: QboReadableEntity, body: unknown): QboJson | null =>
  isObject(body) ? objectAt(body, entity) : null;

/** The rows of a query page; an empty result is `{ "QueryResponse": {} }`. */
export const queryRows = (entity: QboReadableEntity, body: unknown): readonly QboJson[] => {
  const response = isObject(body) ? objectAt(body, 'QueryResponse') : null;
  return response === null ? [] : arrayAt(response, entity).filter(isObject);
};

export const queryCount = (body: unknown): number => {
  const response = isObject(body) ? objectAt(body, 'QueryResponse') : null;
  return Number(numberAt(response, 'totalCount') ?? 0);
};

/** A delete answers `{ "Payment": { "status": "Deleted", "Id": "73" } }`. */
export const isDeletedAnswer = (entity: QboReadableEntity, body: unknown): boolean =>
  textAt(entityIn(entity, body), 'status') === 'Deleted';

export interface BatchItemAnswer {
  readonly bId: string;
  /** The item's own body: `{ "Customer": {...} }` or `{ "Fault": {...} }`. */
  readonly body: QboJson;
  readonly faulted: boolean;
}

/** Batch items answer in any order; callers correlate by bId. */
export const batchAnswers = (body: unknown): ReadonlyMap<string, BatchItemAnswer> => {
  const items = isObject(body) ? arrayAt(body, 'BatchItemResponse').filter(isObject) : [];
  const answers = new Map<string, BatchItemAnswer>();
  for (const item of items) {
    const bId = textAt(item, 'bId');
    if (bId !== null) answers.set(bId, { bId, body: item, faulted: objectAt(item, 'Fault') !== null });
  }
  return answers;
};
