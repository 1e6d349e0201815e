/** The QBO entities the emulator serves, and the lowercase URL segment of each. */
export type EmulatedEntity =
  | 'Customer'
  | 'Vendor'
  | 'Employee'
  | 'Item'
  | 'Account'
  | 'Invoice'
  | 'Payment'
  | 'RefundReceipt'
  | 'CreditMemo'
  | 'Purchase'
  | 'Deposit'
  | 'TaxCode'
  | 'TaxRate'
  | 'TaxAgency'
  | 'Preferences'
  | 'Term'
  | 'CompanyInfo';

export const EMULATED_ENTITIES: readonly EmulatedEntity[] = [
  'Customer',
  'Vendor',
  'Employee',
  'Item',
  'Account',
  'Invoice',
  'Payment',
  'RefundReceipt',
  'CreditMemo',
  'Purchase',
  'Deposit',
  'TaxCode',
  'TaxRate',
  'TaxAgency',
  'Preferences',
  'Term',
  'CompanyInfo',
];

const BY_LOWERCASE = new Map(EMULATED_ENTITIES.map((entity) => [entity.toLowerCase(), entity]));

/** `customer` → `Customer`; QBO URL segments are lowercase, query entity names are case-insensitive. */
export const entityFromName = (name: string): EmulatedEntity | undefined => BY_LOWERCASE.get(name.toLowerCase());

/** Lists QBO filters to active rows by default. */
export const NAME_LIST_ENTITIES: ReadonlySet<EmulatedEntity> = new Set(['Customer', 'Vendor', 'Employee', 'Item', 'Account', 'TaxCode', 'TaxRate', 'Term']);

/** Entities that share one DisplayName space. */
export const PEOPLE_ENTITIES: ReadonlySet<EmulatedEntity> = new Set(['Customer', 'Vendor', 'Employee']);

/** Transactions can be deleted; list entities can only be made inactive. */
export const TRANSACTION_ENTITIES: ReadonlySet<EmulatedEntity> = new Set(['Invoice', 'Payment', 'RefundReceipt', 'CreditMemo', 'Purchase', 'Deposit']);

/**
 * Which sequence an entity's Ids come from. QBO numbers the name list (customers, vendors, employees share it), items,
 * accounts, the tax lists and all transactions separately: Intuit's sample company has customers 1-29 and vendors from
 * 30, items, accounts and tax rates each from 1, and invoices, payments and deposits interleaved (148, 120, ...).
 */
export const ID_SPACE: Readonly<Record<EmulatedEntity, string>> = {
  Customer: 'names',
  Vendor: 'names',
  Employee: 'names',
  Item: 'items',
  Account: 'accounts',
  Invoice: 'transactions',
  Payment: 'transactions',
  RefundReceipt: 'transactions',
  CreditMemo: 'transactions',
  Purchase: 'transactions',
  Deposit: 'transactions',
  TaxCode: 'taxcodes',
  TaxRate: 'taxrates',
  TaxAgency: 'taxagencies',
  Preferences: 'company',
  Term: 'terms',
  CompanyInfo: 'company',
};

export type Body = Record<string, unknown>;

/** One stored entity: writable and computed fields in `body` (money in integer cents). */
export interface StoredRecord {
  readonly entity: EmulatedEntity;
  readonly id: string;
  syncToken: number;
  body: Body;
  readonly createdAt: number;
  updatedAt: number;
  deleted: boolean;
}
