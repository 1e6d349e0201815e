/**
 * `decideItem(tenantId, item, link, settings)`: what QBO must be told about a catalog item. Name, type,
 * description, price, SKU and active are the host's and go out whenever they change; the income account goes out
 * on create only and never afterwards. No income account chosen yet → rejected. A removed item stays in QBO.
 * `settings.qboName` is the Item Name variant chosen with `acceptableQboName` after the plain name was taken.
 * QBO refuses to change an item's type, so a linked item keeps the type its link says QBO has (an adopted or imported
 * Inventory item stays Inventory): the type is never sent in an update, and stays in `pushed` so the fingerprint holds.
 * `money.keptActive`: why an item inactive in the host stays active in QBO (NamedReferenceActivity: a paid invoice
 * naming it is still to be sent, ADR 0077), or null.
 */
import type { HostCatalogItem } from '../host/host-records';
import type { QboItemType } from '../qbo/qbo-records';
import { decideWrite } from '../sync/decide-write';
import type { Link } from '../sync/link';
import { dollars, isWholeCents, rejected } from '../sync/rejection';
import type { SyncDecision } from '../sync/sync-decision';
import { activeWhileKept, keptActiveReason, notedKeptActive } from '../sync/kept-active';
import { toQboItemFields, type QboItemHostFields } from './item-to-qbo';
import { cureFor } from '../sync/setting-cures';

export interface ItemSyncSettings {
  readonly incomeAccountId: string | null;
  readonly qboName?: string;
  /** The QBO company's home currency, for money in messages (absent or null: US dollars). */
  readonly currency?: string | null;
}

const QBO_ITEM_TYPES: ReadonlySet<string> = new Set<QboItemType>(['Service', 'NonInventory', 'Inventory']);

/** The host-owned fields, with the type QBO already has when the link knows it. */
const hostOwnedFields = (item: HostCatalogItem, link: Link | null, qboName: string | undefined): QboItemHostFields => {
  const fields = toQboItemFields(item, qboName);
  const linkedType = link?.pushed?.['type'];
  return typeof linkedType === 'string' && QBO_ITEM_TYPES.has(linkedType) && linkedType !== fields.type ? { ...fields, type: linkedType as QboItemType } : fields;
};

export const decideItem = (
  tenantId: string,
  item: HostCatalogItem | null,
  link: Link | null,
  settings: ItemSyncSettings,
  money: { readonly keptActive?: string | null } = {},
): SyncDecision => {
  if (item === null) return { kind: 'nothing', reason: 'The item no longer exists in the host; QBO keeps it.' };
  if (!isWholeCents(item.unitPriceCents)) return rejected('not_whole_cents', `"${item.name}" has a price that is not a whole number of cents (${item.unitPriceCents}).`);
  if (item.unitPriceCents < 0) return rejected('negative_amount', `"${item.name}" has a negative price (${dollars(item.unitPriceCents, settings.currency ?? null)}); QuickBooks items need a price of zero or more.`);
  if (link === null && settings.incomeAccountId === null) {
    return rejected('no_income_account', `"${item.name}" cannot be created in QuickBooks ${cureFor('no_income_account').words}; it is then sent by itself.`);
  }
  // QBO refuses an invoice naming an inactive item (610): the item stays active there while one is still to go.
  const keptActive = keptActiveReason(item.isActive, money.keptActive);
  const decision = decideWrite(
    {
      tenantId,
      kind: 'item',
      hostId: item.id,
      entity: 'Item',
      hostOwned: activeWhileKept(hostOwnedFields(item, link, settings.qboName), keptActive),
      setOnCreate: settings.incomeAccountId === null ? {} : { incomeAccountId: settings.incomeAccountId },
      dependencies: [],
      upToDate: 'QBO already has this version of the item.',
    },
    link,
  );
  return notedKeptActive(decision, keptActive);
};
