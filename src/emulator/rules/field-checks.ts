import type { Body, EmulatedEntity, StoredRecord } from '../emulated-entity';
import {
  invalidCharacters,
  invalidReference,
  objectNotFound,
  requiredParam,
  stringLength,
  validationFault,
} from '../qbo-fault';
import type { RealmStore } from '../realm-store';

export interface StringRule {
  readonly required?: boolean;
  readonly max: number;
  /** Names may not hold ':' , tab or newline (QBO uses ':' for the parent path). */
  readonly noSeparators?: boolean;
}

const SEPARATORS = /[:\t\n\r]/;

/** The trimmed string at `field` (undefined when absent or blank), or a QBO fault when it breaks the rule. */
export function readString(body: Body, field: string, rule: StringRule, element = field): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (rule.required) throw requiredParam(element);
    return undefined;
  }
  if (typeof value !== 'string') throw validationFault('2010', 'Request has invalid or unsupported property', `${element} must be a string`, element);
  const text = value.trim();
  if (text.length > rule.max) throw stringLength(element, rule.max, text.length);
  if (rule.noSeparators && SEPARATORS.test(value)) throw invalidCharacters(element);
  return text;
}

export function readBoolean(body: Body, field: string, fallback: boolean): boolean {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw validationFault('2010', 'Request has invalid or unsupported property', `${field} must be true or false`, field);
}

/** The id inside a `{ "value": "42" }` reference, or undefined when the reference is absent. */
export function readRefId(body: Body, field: string, required: boolean, element = field): string | undefined {
  const ref = body[field];
  if (ref === undefined || ref === null) {
    if (required) throw requiredParam(element);
    return undefined;
  }
  const value = typeof ref === 'object' ? (ref as Body).value : undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.trim() === '') {
    if (required) throw requiredParam(`${element}.value`);
    throw invalidReference(element);
  }
  return value.trim();
}

/** The active, existing record a reference points at; 2500 when unknown, 610 when deleted or inactive. */
export function resolveRef(
  store: RealmStore,
  body: Body,
  field: string,
  entities: readonly EmulatedEntity[],
  required: boolean,
  element = field,
): StoredRecord | undefined {
  const id = readRefId(body, field, required, element);
  if (id === undefined) return undefined;
  for (const entity of entities) {
    const record = store.get(entity, id);
    if (!record) continue;
    if (record.deleted || record.body.Active === false) throw objectNotFound(element);
    return record;
  }
  throw invalidReference(element);
}

/** `{ value, name }` as QBO echoes a reference: the name is always the current one. */
export const refTo = (id: string, name?: unknown): Body => (typeof name === 'string' ? { value: id, name } : { value: id });

export function readObject(body: Body, field: string): Body | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw validationFault('2010', 'Request has invalid or unsupported property', `${field} must be an object`, field);
  }
  return value as Body;
}

/** Checks each listed string field of a nested object (an address, a phone) against its maximum length. */
export function checkNestedLengths(body: Body, field: string, limits: Readonly<Record<string, number>>): void {
  const nested = readObject(body, field);
  if (!nested) return;
  for (const [key, max] of Object.entries(limits)) readString(nested, key, { max }, `${field}.${key}`);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readDate(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw validationFault('2010', 'Request has invalid or unsupported property', `${field} is not a date (yyyy-MM-dd)`, field);
  }
  return value;
}

