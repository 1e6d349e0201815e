import type { EmulatedEntity, StoredRecord } from '../emulated-entity';
import type { RealmStore } from '../realm-store';
import type { EntityRules } from '../rules/entity-rules';
import { parentOf, refreshBalances } from './balances';

/**
 * Keeps the books in step with one write: balances carried over (or started at zero), the parent a record rolls up
 * into, and the ledger entries of a transaction replaced by what it posts now (none once deleted).
 */
export function settleBooks(store: RealmStore, rules: EntityRules, before: StoredRecord | undefined, after: StoredRecord | undefined): void {
  if (after) for (const field of rules.derived ?? []) after.body[field] = (before?.body[field] as number | undefined) ?? 0;
  const record = (after ?? before) as StoredRecord;
  const entity: EmulatedEntity = record.entity;
  if (entity === 'Account' || entity === 'Customer') {
    const oldParent = before ? parentOf(before) : undefined;
    const newParent = after ? parentOf(after) : undefined;
    store.reparent(entity, record.id, oldParent, newParent);
    const ids = new Set([record.id, ...[oldParent, newParent].filter((id): id is string => id !== undefined)]);
    refreshBalances(store, entity === 'Account' ? { accounts: ids, customers: new Set() } : { accounts: new Set(), customers: ids });
  }
  if (rules.postings) {
    const postings = after ? rules.postings(store, after) : [];
    refreshBalances(store, store.ledger.replace(`${entity}:${record.id}`, postings));
  }
}
