/**
 * A host catalog item as a QBO Item: `qboItemType(kind)` (products and dosages are NonInventory, pool services
 * and work-order types are Service) and `toQboItemFields(item, qboName?)`, the host-owned fields. The income
 * account is not among them: it is set once, on create (DESIGN.md §3 invariant 4).
 */
import type { CatalogItemKind, HostCatalogItem } from '../host/host-records';
import { acceptableQboName } from '../names/qbo-name-rules';
import type { QboItemFields, QboItemType } from '../qbo/qbo-records';

export type QboItemHostFields = Omit<QboItemFields, 'incomeAccountId'>;

const ITEM_TYPE: Readonly<Record<CatalogItemKind, QboItemType>> = {
  product: 'NonInventory',
  dosage: 'NonInventory',
  pool_service: 'Service',
  work_order_type: 'Service',
};

const NOTHING_TAKEN: ReadonlySet<string> = new Set();
const DESCRIPTION_MAX = 4000;
const SKU_MAX = 100;

export const qboItemType = (kind: CatalogItemKind): QboItemType => ITEM_TYPE[kind];

const trimmedOrNull = (value: string | null, max: number): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed.slice(0, max);
};

export const toQboItemFields = (item: HostCatalogItem, qboName?: string): QboItemHostFields => ({
  name: qboName ?? acceptableQboName(item.name, { entity: 'Item', taken: NOTHING_TAKEN }).name,
  type: qboItemType(item.kind),
  description: trimmedOrNull(item.description, DESCRIPTION_MAX),
  unitPriceCents: item.unitPriceCents,
  sku: trimmedOrNull(item.sku, SKU_MAX),
  active: item.isActive,
});
