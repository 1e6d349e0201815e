import type { QboItemFields, QboItemType, QboRecordOf } from '../../domain/qbo/qbo-records';
import { refFrom } from './qbo-customer.mapper';
import { compact, numberAt, refAt, requiredTextAt, textAt, toRef, type QboJson } from './qbo-json';
import { amountToCents, centsToAmount } from './qbo-money';

type ItemChanges = Partial<Omit<QboItemFields, 'incomeAccountId'>>;

export const itemCreateJson = (fields: QboItemFields): Record<string, unknown> =>
  compact({
    ...itemSparseJson(fields),
    Description: fields.description ?? undefined,
    Sku: fields.sku ?? undefined,
    // The income account is written once, at creation; QBO owns it afterwards (DESIGN.md §3 invariant 4).
    IncomeAccountRef: fields.incomeAccountId === undefined ? undefined : toRef(fields.incomeAccountId),
  });

export const itemSparseJson = (fields: ItemChanges): Record<string, unknown> =>
  compact({
    Name: fields.name,
    Type: fields.type,
    Description: fields.description === undefined ? undefined : (fields.description ?? ''),
    UnitPrice: fields.unitPriceCents === undefined ? undefined : centsToAmount(fields.unitPriceCents),
    Sku: fields.sku === undefined ? undefined : (fields.sku ?? ''),
    Active: fields.active,
  });

const itemTypes: readonly string[] = ['Service', 'NonInventory', 'Inventory'];

export const itemFrom = (json: QboJson): QboRecordOf<'Item'> => {
  const type = textAt(json, 'Type') ?? '';
  const incomeAccountId = refAt(json, 'IncomeAccountRef');
  return {
    entity: 'Item',
    ref: refFrom(json, 'Item'),
    fields: {
      name: requiredTextAt(json, 'Name', 'Item'),
      // Category and Group items are not ours to write; they read as NonInventory so a caller can still list them.
      type: (itemTypes.includes(type) ? type : 'NonInventory') as QboItemType,
      description: textAt(json, 'Description') || null,
      unitPriceCents: amountToCents(numberAt(json, 'UnitPrice') ?? 0),
      sku: textAt(json, 'Sku') || null,
      active: json['Active'] !== false,
      ...(incomeAccountId === null ? {} : { incomeAccountId }),
    },
  };
};
