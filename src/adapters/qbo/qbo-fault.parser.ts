import type { QboError } from '../../domain/qbo/qbo-error';
import { qboErrorOf, type FaultContext, type FaultDetail } from '../../domain/qbo/qbo-error-words';
import { arrayAt, isObject, objectAt, textAt, type QboJson } from './qbo-json';

/** Both shapes: `{ Fault: { Error: [{ Message, Detail, code }] } }` and the gateway's lowercase `{ fault: { error: [...] } }`. */
export const faultDetail = (body: unknown): FaultDetail | null => {
  if (!isObject(body)) return null;
  const upper = objectAt(body, 'Fault');
  const fault = upper ?? objectAt(body, 'fault');
  if (fault === null) return null;
  const first = arrayAt(fault, upper ? 'Error' : 'error').find(isObject) ?? ({} as QboJson);
  const pick = (key: string): string => textAt(first, key) ?? textAt(first, key.toLowerCase()) ?? '';
  return {
    message: pick('Message'),
    detail: pick('Detail'),
    code: textAt(first, 'code') ?? '',
    element: textAt(first, 'element') ?? '',
    type: textAt(fault, 'type') ?? '',
  };
};

/** A failed QBO response (or a fault inside a 200 batch item) as a typed error with plain words for an admin. */
export const qboErrorFrom = (status: number, body: unknown, intuitTid: string | undefined, context: FaultContext = {}): QboError =>
  qboErrorOf(status, faultDetail(body), intuitTid, context);
