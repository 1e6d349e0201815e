import type { QboError } from '../../domain/qbo/qbo-error';
import { notConnected, qboErrorOf, unavailable, type FaultContext } from '../../domain/qbo/qbo-error-words';

/**
 * QBO's refusals as the HTTP gateway reports them: the same fault codes go through the same table,
 * so both adapters say the same plain words for the same rule.
 */
const fault = (code: string, message: string, detail: string, element: string, context: FaultContext = {}): QboError =>
  qboErrorOf(400, { message, detail, code, element, type: 'ValidationFault' }, undefined, context);

export const duplicateName = (entity: 'Customer' | 'Item' | 'Vendor' | 'Employee', name: string): QboError =>
  fault('6240', 'Duplicate Name Exists Error', `The name supplied already exists. : ${name}`, entity === 'Item' ? 'Name' : 'DisplayName', { entity, name });

export const staleObject = (entity: string, id: string): QboError =>
  fault('5010', 'Stale Object Error', `Stale Object Error : You and someone else have edited the same ${entity} ${id}.`, 'SyncToken', { entity });

export const notFound = (entity: string, id: string): QboError =>
  fault('610', 'Object Not Found', `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. ${entity} ${id}`, 'Id', { entity });

export const invalidReference = (element: string): QboError =>
  fault('2500', 'Invalid Reference Id', `Invalid Reference Id : ${element} is not a valid reference`, element);

export const requiredField = (element: string): QboError =>
  fault('2020', 'Required param missing, need to supply the required value for the API', `Required parameter ${element} is missing in the request`, element);

export const businessValidation = (detail: string, element: string): QboError =>
  fault('6000', 'A business validation error has occurred while processing your request', detail, element);

export const duplicateDocNumber = (entity: string, docNumber: string): QboError =>
  fault('6140', 'Duplicate Document Number Error', `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber}`, 'DocNumber', { entity, docNumber });

export const depositedTransaction = (entity: string): QboError =>
  fault('6540', 'Deposited Transaction cannot be changed', 'This transaction has been deposited. If you want to change or delete it, you must first edit the deposit it appears on and remove it.', 'Id', { entity });

/** The refusals a test can ask for: no connection, QBO's rate limit, QBO down. */
export type InMemoryQboRefusal = 'NotConnected' | 'Throttled' | 'Unavailable';

export const refusal = (kind: InMemoryQboRefusal): QboError => {
  switch (kind) {
    case 'NotConnected':
      return notConnected('missing');
    case 'Throttled':
      return qboErrorOf(429, { message: 'message=ThrottleExceeded', detail: 'Too many requests', code: '3001', element: '', type: 'ThrottlingFault' }, undefined);
    case 'Unavailable':
      return unavailable('the in-memory QBO was told to refuse this call');
  }
};
