import { settleBooks } from './books/settle-books';
import type { Body, EmulatedEntity, StoredRecord } from './emulated-entity';
import { decimalToCents, MONEY_FIELDS, moneyToWire } from './money';
import { objectNotFound, requiredParam, staleObject, unsupportedOperation, unsupportedProperty, validationFault } from './qbo-fault';
import { formatMetaTime } from './qbo-time';
import type { RealmStore } from './realm-store';
import { ENVELOPE_FIELDS, type EntityRules } from './rules/entity-rules';
import { rulesFor } from './rules/rules-registry';
import { refuseClosedPeriod } from './rules/transaction-fields';

export interface WriteOptions {
  readonly now: number;
  readonly allowDuplicateDocNumber?: boolean;
}

/** Money fields in cents, recursively; a malformed amount is refused like QBO refuses it. */
function moneyToCents(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((item) => moneyToCents(item, path));
  if (value === null || typeof value !== 'object') return value;
  const out: Body = {};
  for (const [key, field] of Object.entries(value)) {
    const element = path ? `${path}.${key}` : key;
    if (MONEY_FIELDS.has(key) && field !== null && field !== undefined) {
      const cents = decimalToCents(field);
      if (cents === undefined) throw validationFault('2010', 'Request has invalid or unsupported property', `${element} is not an amount`, element);
      out[key] = cents;
    } else {
      out[key] = moneyToCents(field, element);
    }
  }
  return out;
}

/** The client's fields with envelope and computed fields dropped; unknown fields refused (2010). */
function writableInput(rules: EntityRules, input: unknown): Body {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw validationFault('2010', 'Request has invalid or unsupported property', `The request body must be a ${rules.entity} object`);
  }
  const body: Body = {};
  for (const [key, value] of Object.entries(input)) {
    if (ENVELOPE_FIELDS.has(key) || rules.computed.has(key)) continue;
    if (!rules.writable.has(key)) throw unsupportedProperty(key);
    body[key] = value;
  }
  return moneyToCents(body, '') as Body;
}

function existingFor(store: RealmStore, entity: EmulatedEntity, input: unknown): StoredRecord {
  const fields = (input ?? {}) as Body;
  const id = fields.Id;
  if (id === undefined || id === null || id === '') throw requiredParam('Id');
  const record = store.get(entity, String(id));
  if (!record || record.deleted) throw objectNotFound('Id');
  const syncToken = fields.SyncToken;
  if (syncToken === undefined || syncToken === null || syncToken === '') throw requiredParam('SyncToken');
  if (String(syncToken) !== String(record.syncToken)) throw staleObject();
  return record;
}

function replace(store: RealmStore, rules: EntityRules, record: StoredRecord, body: Body, now: number): StoredRecord {
  const before: StoredRecord = { ...record };
  record.body = body;
  record.syncToken += 1;
  record.updatedAt = now;
  store.version += 1;
  rules.commit?.(store, before, record, now);
  settleBooks(store, rules, before, record);
  return record;
}

export function createEntity(store: RealmStore, entity: EmulatedEntity, input: unknown, options: WriteOptions): StoredRecord {
  const rules = rulesFor(entity);
  if (!rules.creatable) throw unsupportedOperation(`Create on ${entity}`);
  const body = rules.prepare(writableInput(rules, input), {
    store,
    previous: undefined,
    now: options.now,
    allowDuplicateDocNumber: options.allowDuplicateDocNumber ?? false,
  });
  const record = store.insert(entity, body, options.now);
  rules.commit?.(store, undefined, record, options.now);
  settleBooks(store, rules, undefined, record);
  return record;
}

/** A sparse update changes only the fields sent; a full one clears every writable field it omits. */
export function updateEntity(store: RealmStore, entity: EmulatedEntity, input: unknown, options: WriteOptions): StoredRecord {
  const rules = rulesFor(entity);
  if (!rules.creatable) throw unsupportedOperation(`Update on ${entity}`);
  const existing = existingFor(store, entity, input);
  const changes = writableInput(rules, input);
  const sparse = (input as Body).sparse === true || (input as Body).sparse === 'true';
  const merged = sparse ? { ...writableOf(rules, existing.body), ...changes } : changes;
  const body = rules.prepare(merged, {
    store,
    previous: existing,
    now: options.now,
    allowDuplicateDocNumber: options.allowDuplicateDocNumber ?? false,
  });
  return replace(store, rules, existing, body, options.now);
}

export function deleteEntity(store: RealmStore, entity: EmulatedEntity, input: unknown, options: WriteOptions): StoredRecord {
  const rules = rulesFor(entity);
  if (!rules.deletable) throw unsupportedOperation(`Delete on ${entity}`);
  // A delete body is read like any other: a property the entity does not have is refused (2010), as QBO does.
  writableInput(rules, input);
  const existing = existingFor(store, entity, input);
  refuseClosedPeriod(store, existing.body.TxnDate as string | undefined);
  rules.checkRemoval?.(store, existing);
  const before: StoredRecord = { ...existing };
  existing.deleted = true;
  existing.updatedAt = options.now;
  store.version += 1;
  rules.commit?.(store, before, undefined, options.now);
  settleBooks(store, rules, before, undefined);
  return existing;
}

export function voidEntity(store: RealmStore, entity: EmulatedEntity, input: unknown, options: WriteOptions): StoredRecord {
  const rules = rulesFor(entity);
  if (!rules.voided) throw unsupportedOperation(`Void on ${entity}`);
  writableInput(rules, input);
  const existing = existingFor(store, entity, input);
  refuseClosedPeriod(store, existing.body.TxnDate as string | undefined);
  rules.checkRemoval?.(store, existing);
  return replace(store, rules, existing, rules.voided(existing), options.now);
}

export function readEntity(store: RealmStore, entity: EmulatedEntity, id: string): StoredRecord {
  const record = store.get(entity, id);
  if (!record || record.deleted) throw objectNotFound('Id');
  return record;
}

function writableOf(rules: EntityRules, body: Body): Body {
  const out: Body = {};
  for (const [key, value] of Object.entries(body)) if (rules.writable.has(key)) out[key] = value;
  return out;
}

/** The record as QBO sends it: decimals, string Id and SyncToken, MetaData. */
export function presentRecord(store: RealmStore, record: StoredRecord): Body {
  const wire = moneyToWire(record.body) as Body;
  rulesFor(record.entity).present?.(store, record, wire);
  return {
    ...wire,
    domain: 'QBO',
    sparse: false,
    Id: record.id,
    SyncToken: String(record.syncToken),
    MetaData: { CreateTime: formatMetaTime(record.createdAt, store.timeZone), LastUpdatedTime: formatMetaTime(record.updatedAt, store.timeZone) },
  };
}

/** What QBO answers to a delete. */
export const deletedBody = (record: StoredRecord): Body => ({ status: 'Deleted', domain: 'QBO', Id: record.id });
