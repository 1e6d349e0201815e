import type { StoredRecord } from '../emulated-entity';
import { businessValidation, duplicateName, invalidEnumeration, requiredParam } from '../qbo-fault';
import { normaliseName } from '../realm-store';
import { reindexName, type EntityRules } from './entity-rules';
import { readBoolean, readString, refTo, resolveRef } from './field-checks';

const ITEM_TYPES = new Set(['Service', 'NonInventory', 'Inventory', 'Category']);

const nameKey = (record: StoredRecord): string | undefined =>
  typeof record.body.Name === 'string' ? normaliseName(record.body.Name) : undefined;

export const ITEM_RULES: EntityRules = {
  entity: 'Item',
  writable: new Set([
    'Name', 'Type', 'Description', 'UnitPrice', 'Sku', 'Active', 'IncomeAccountRef', 'ExpenseAccountRef', 'AssetAccountRef', 'Taxable',
    'PurchaseDesc', 'PurchaseCost', 'TrackQtyOnHand', 'QtyOnHand', 'InvStartDate', 'ParentRef', 'SubItem', 'SalesTaxIncluded',
    'PurchaseTaxIncluded', 'ReorderPoint', 'SalesTaxCodeRef', 'PurchaseTaxCodeRef', 'ClassRef', 'PrefVendorRef',
  ]),
  computed: new Set(['FullyQualifiedName', 'Level']),
  creatable: true,
  deletable: false,
  prepare(input, context) {
    const body = { ...input };
    const name = readString(body, 'Name', { required: true, max: 100, noSeparators: true }) as string;
    const owner = context.store.itemNames.get(normaliseName(name));
    if (owner && owner !== context.previous) throw duplicateName('product or service');
    const type = readString(body, 'Type', { required: true, max: 20 }) as string;
    if (!ITEM_TYPES.has(type)) throw invalidEnumeration('Type', type);
    readString(body, 'Description', { max: 4000 });
    readString(body, 'PurchaseDesc', { max: 4000 });
    readString(body, 'Sku', { max: 100 });
    if (type !== 'Category') {
      // The fact sheet requires it for Service and Inventory; we require it for NonInventory too (stricter: QBO's UI does).
      const income = resolveRef(context.store, body, 'IncomeAccountRef', ['Account'], true);
      if (income?.body.AccountType !== 'Income') throw businessValidation('IncomeAccountRef must be an account of type Income', 'IncomeAccountRef');
      body.IncomeAccountRef = refTo(income.id, income.body.Name);
    }
    if (type === 'Inventory') {
      const asset = resolveRef(context.store, body, 'AssetAccountRef', ['Account'], true);
      if (asset?.body.AccountType !== 'Other Current Asset') throw businessValidation('AssetAccountRef must be an Other Current Asset account', 'AssetAccountRef');
      if (body.QtyOnHand === undefined) throw requiredParam('QtyOnHand');
      if (body.InvStartDate === undefined) throw requiredParam('InvStartDate');
    }
    if (body.ExpenseAccountRef !== undefined) resolveRef(context.store, body, 'ExpenseAccountRef', ['Account'], false);
    // A product or service answers with Taxable, TrackQtyOnHand (true for inventory) and PurchaseCost; a category with neither.
    const sellable = type === 'Category' ? {} : { Taxable: readBoolean(body, 'Taxable', false), TrackQtyOnHand: readBoolean(body, 'TrackQtyOnHand', type === 'Inventory'), PurchaseCost: body.PurchaseCost ?? 0, UnitPrice: body.UnitPrice ?? 0 };
    return { ...body, Name: name, FullyQualifiedName: name, Type: type, ...sellable, Active: readBoolean(body, 'Active', true) };
  },
  commit(store, before, after) {
    reindexName(store.itemNames, nameKey, before, after);
  },
};
