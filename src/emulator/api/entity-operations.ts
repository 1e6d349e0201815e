import { entityFromName, type Body, type EmulatedEntity } from '../emulated-entity';
import { createEntity, deleteEntity, deletedBody, presentRecord, updateEntity, voidEntity, type WriteOptions } from '../entity-writer';
import { unsupportedOperation } from '../qbo-fault';
import type { RealmStore } from '../realm-store';

export type WriteOperation = 'create' | 'update' | 'delete' | 'void';

export function entityOrFault(name: string): EmulatedEntity {
  const entity = entityFromName(name);
  if (!entity) throw unsupportedOperation(`on the resource '${name}'`);
  return entity;
}

/** Which write a POST to an entity URL is: `operation=`, `include=void`, or an Id with a SyncToken meaning update. */
export function writeOperationOf(operation: string, include: string, body: unknown): WriteOperation {
  const op = operation.toLowerCase();
  if (op === 'delete') return 'delete';
  if (op === 'void' || include.toLowerCase().split(',').includes('void')) return 'void';
  if (op === 'update') return 'update';
  const fields = (body ?? {}) as Body;
  if (op === '' && fields.Id !== undefined && fields.SyncToken !== undefined) return 'update';
  if (op === '' || op === 'create') return 'create';
  throw unsupportedOperation(operation);
}

/** Runs one write and returns the body QBO answers with (without `time`). */
export function runWrite(store: RealmStore, entity: EmulatedEntity, operation: WriteOperation, body: unknown, options: WriteOptions): Body {
  // A refusal armed by a test is thrown here, inside the write, so it is stored under the requestid as QBO's own are.
  const refused = store.refusals.take(entity);
  if (refused) throw refused;
  switch (operation) {
    case 'create':
      return { [entity]: presentRecord(store, createEntity(store, entity, body, options)) };
    case 'update':
      return { [entity]: presentRecord(store, updateEntity(store, entity, body, options)) };
    case 'delete':
      return { [entity]: deletedBody(deleteEntity(store, entity, body, options)) };
    case 'void':
      return { [entity]: presentRecord(store, voidEntity(store, entity, body, options)) };
  }
}
