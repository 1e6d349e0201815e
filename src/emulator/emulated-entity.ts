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
  'CompanyInfo',
];

const BY_LOWERCASE = new Map(EMULATED_ENTITIES.map((entity) => [entity.toLowerCase(), entity]));

/** `customer` → `Customer`; QBO URL segments are lowercase, query entity names are case-insensitive. */
export const entityFromName = (name: string): EmulatedEntity | undefined => BY_LOWERCASE.get(name.toLowerCase());

/** Lists QBO filters to active rows by default. */
export const NAME_LIST_ENTITIES: ReadonlySet<EmulatedEntity> = new Set(['Customer', 'Vendor', 'Employee', 'Item', 'Account']);

/** Entities that share one DisplayName space. */
export const PEOPLE_ENTITIES: ReadonlySet<EmulatedEntity> = new Set(['Customer', 'Vendor', 'Employee']);

/** Transactions can be deleted; list entities can only be made inactive. */
export const TRANSACTION_ENTITIES: ReadonlySet<EmulatedEntity> = new Set(['Invoice', 'Payment', 'RefundReceipt', 'CreditMemo', 'Purchase']);

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
