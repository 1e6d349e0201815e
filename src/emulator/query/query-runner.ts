import { entityFromName, NAME_LIST_ENTITIES, PEOPLE_ENTITIES, type Body, type EmulatedEntity, type StoredRecord } from '../emulated-entity';
import { presentRecord } from '../entity-writer';
import { decimalToCents, MONEY_FIELDS } from '../money';
import { queryValidationError, systemFailure } from '../qbo-fault';
import { parseQueryTime } from '../qbo-time';
import { normaliseName, type RealmStore } from '../realm-store';
import { ENVELOPE_FIELDS } from '../rules/entity-rules';
import { rulesFor } from '../rules/rules-registry';
import { parseQuery, type ParsedQuery, type QueryCondition, type QueryLiteral } from './query-parser';

const COUNTED_LISTS: ReadonlySet<EmulatedEntity> = new Set(['TaxCode', 'TaxRate', 'TaxAgency']);

type FieldValue = string | number | boolean | undefined;
type FieldKind = 'id' | 'time' | 'money' | 'plain';

const kindOf = (field: string): FieldKind => {
  if (field === 'Id' || field === 'SyncToken') return 'id';
  if (field === 'MetaData.CreateTime' || field === 'MetaData.LastUpdatedTime') return 'time';
  return MONEY_FIELDS.has(field.split('.').pop() as string) ? 'money' : 'plain';
};

/** Reads a (dotted) field of a stored record; references compare by their id. */
function fieldReader(field: string, kind: FieldKind): (record: StoredRecord) => FieldValue {
  if (kind === 'id') return field === 'Id' ? (record) => Number(record.id) : (record) => record.syncToken;
  if (kind === 'time') return field === 'MetaData.CreateTime' ? (record) => record.createdAt : (record) => record.updatedAt;
  const path = field.split('.');
  return (record) => {
    let value: unknown = record.body;
    for (const segment of path) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Body)[segment];
    }
    if (value !== null && typeof value === 'object' && 'value' in value) value = (value as Body).value;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
  };
}

/** The literal in the field's own terms (cents, epoch ms, number), so each record compares cheaply. */
function normaliseLiteral(literal: QueryLiteral, kind: FieldKind, zone: string): QueryLiteral {
  if (kind === 'money') return decimalToCents(literal) ?? Number.NaN;
  if (kind === 'time') return typeof literal === 'string' ? (parseQueryTime(literal, zone) ?? Number.NaN) : Number.NaN;
  if (kind === 'id') return Number(literal);
  return typeof literal === 'string' ? literal.toLowerCase() : literal;
}

function compare(value: FieldValue, literal: QueryLiteral): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    const number = typeof literal === 'number' ? literal : Number(literal);
    return Number.isNaN(number) ? undefined : value - number;
  }
  if (typeof value === 'boolean') {
    const bool = typeof literal === 'boolean' ? literal : literal === 'true' ? true : literal === 'false' ? false : undefined;
    return bool === undefined ? undefined : Number(value) - Number(bool);
  }
  // Strings compare case-insensitively, as QBO's collation does (choice: unverified for every field).
  const text = value.toLowerCase();
  const other = String(literal);
  return text < other ? -1 : text > other ? 1 : 0;
}

type Predicate = (record: StoredRecord) => boolean;

/** Flags QBO stores as booleans; comparing one to a quoted 'true' makes QBO fail with a 500 SystemFault. */
const BOOLEAN_FIELDS: ReadonlySet<string> = new Set(['Active', 'Taxable', 'Job', 'BillWithParent', 'IsProject', 'SubAccount', 'TaxGroup', 'Hidden', 'Vendor1099', 'BillableTime', 'TrackQtyOnHand', 'Credit', 'ProcessPayment', 'TaxTrackedOnSales', 'TaxTrackedOnPurchases']);

function predicateFor(condition: QueryCondition, zone: string): Predicate {
  if (BOOLEAN_FIELDS.has(condition.field) && condition.values.some((value) => typeof value === 'string')) {
    throw systemFailure(`Error converting the value of ${condition.field}: a boolean is compared with true or false, not a quoted string`);
  }
  const kind = kindOf(condition.field);
  const literals = condition.values.map((literal) => normaliseLiteral(literal, kind, zone));
  const valueOf = fieldReader(condition.field, kind);
  switch (condition.operator) {
    case 'IN':
      return (record) => literals.some((literal) => compare(valueOf(record), literal) === 0);
    case 'NOT IN':
      return (record) => !literals.some((literal) => compare(valueOf(record), literal) === 0);
    case 'LIKE': {
      const source = String(condition.values[0]).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
      const pattern = new RegExp(`^${source}$`, 'is');
      return (record) => {
        const value = valueOf(record);
        return value !== undefined && pattern.test(String(value));
      };
    }
    default: {
      const literal = literals[0] as QueryLiteral;
      const test = { '=': (d: number) => d === 0, '<': (d: number) => d < 0, '>': (d: number) => d > 0, '<=': (d: number) => d <= 0, '>=': (d: number) => d >= 0 }[condition.operator];
      return (record) => {
        const difference = compare(valueOf(record), literal);
        return difference !== undefined && test(difference);
      };
    }
  }
}

function checkQueryable(entity: EmulatedEntity, field: string): void {
  const top = field.split('.')[0] as string;
  const rules = rulesFor(entity);
  if (!ENVELOPE_FIELDS.has(top) && !rules.writable.has(top) && !rules.computed.has(top) && top !== 'Active') {
    throw queryValidationError(`property '${field}' is not queryable`);
  }
}

/** Records worth testing: an index lookup for Id and name equality, else the whole table. */
function candidates(store: RealmStore, entity: EmulatedEntity, conditions: readonly QueryCondition[]): Iterable<StoredRecord> {
  const table = store.table(entity);
  for (const { field, operator, values } of conditions) {
    if (field === 'Id' && (operator === '=' || operator === 'IN')) {
      return values.map((value) => table.get(String(value))).filter((record): record is StoredRecord => record !== undefined);
    }
    const nameIndex = PEOPLE_ENTITIES.has(entity) && field === 'DisplayName' ? store.peopleNames : entity === 'Item' && field === 'Name' ? store.itemNames : undefined;
    if (nameIndex && operator === '=') {
      const owner = nameIndex.get(normaliseName(String(values[0])));
      return owner && owner.entity === entity ? [owner] : [];
    }
  }
  return table.values();
}

/**
 * Every matching record, sorted. Paging through a large list repeats one query with a moving STARTPOSITION;
 * while the company is unchanged the previous match list is reused, so each page costs O(page), not O(table).
 */
function matchingRecords(store: RealmStore, entity: EmulatedEntity, query: ParsedQuery, predicates: readonly Predicate[]): readonly StoredRecord[] {
  const key = JSON.stringify([entity, query.conditions, query.orderBy]);
  const cached = store.queryCache;
  if (cached && cached.key === key && cached.version === store.version) return cached.matches;
  let matches: StoredRecord[] = [];
  for (const record of candidates(store, entity, query.conditions)) {
    if (!record.deleted && predicates.every((predicate) => predicate(record))) matches.push(record);
  }
  if (query.orderBy.length > 0) matches = sortRecords(matches, query.orderBy);
  store.queryCache = { key, version: store.version, matches };
  return matches;
}

/** Runs a query against one company and returns the `QueryResponse` object. */
export function runQuery(store: RealmStore, text: string): Body {
  const query = parseQuery(text);
  const entity = entityFromName(query.entityName);
  if (!entity) throw queryValidationError(`Entity '${query.entityName}' is not supported`);
  for (const condition of query.conditions) checkQueryable(entity, condition.field);
  for (const order of query.orderBy) checkQueryable(entity, order.field);
  const predicates = query.conditions.map((condition) => predicateFor(condition, store.timeZone));
  const mentionsActive = query.conditions.some((condition) => condition.field === 'Active');
  // Lists hide inactive rows unless the query asks about Active itself.
  if (NAME_LIST_ENTITIES.has(entity) && !mentionsActive) predicates.push((record) => record.body.Active !== false);
  const matches = matchingRecords(store, entity, query, predicates);
  if (query.count) return { totalCount: matches.length };
  const page = matches.slice(query.startPosition - 1, query.startPosition - 1 + query.maxResults);
  if (page.length === 0) return {};
  // Intuit's TaxCode, TaxRate and TaxAgency query samples carry totalCount beside the page; other lists do not.
  const counted = COUNTED_LISTS.has(entity) ? { totalCount: matches.length } : {};
  return { [entity]: page.map((record) => presentRecord(store, record)), startPosition: query.startPosition, maxResults: page.length, ...counted };
}

function sortRecords(records: StoredRecord[], orderBy: ParsedQueryOrder): StoredRecord[] {
  const readers = orderBy.map((order) => fieldReader(order.field, kindOf(order.field)));
  const keyed = records.map((record) => ({ record, keys: readers.map((read) => read(record)) }));
  keyed.sort((a, b) => {
    for (let index = 0; index < orderBy.length; index += 1) {
      const left = a.keys[index];
      const right = b.keys[index];
      if (left === right) continue;
      if (left === undefined) return 1;
      if (right === undefined) return -1;
      const leftKey = typeof left === 'string' ? left.toLowerCase() : left;
      const rightKey = typeof right === 'string' ? right.toLowerCase() : right;
      const order = leftKey < rightKey ? -1 : leftKey > rightKey ? 1 : 0;
      if (order !== 0) return orderBy[index]?.descending ? -order : order;
    }
    return 0;
  });
  return keyed.map((entry) => entry.record);
}

type ParsedQueryOrder = readonly { readonly field: string; readonly descending: boolean }[];
