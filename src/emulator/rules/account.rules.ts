import type { StoredRecord } from '../emulated-entity';
import { duplicateName, invalidEnumeration, invalidCharacters } from '../qbo-fault';
import { normaliseName } from '../realm-store';
import { reindexName, type EntityRules } from './entity-rules';
import { readBoolean, readString } from './field-checks';

const CLASSIFICATION: Readonly<Record<string, string>> = {
  Bank: 'Asset',
  'Other Current Asset': 'Asset',
  'Fixed Asset': 'Asset',
  'Other Asset': 'Asset',
  'Accounts Receivable': 'Asset',
  Equity: 'Equity',
  Expense: 'Expense',
  'Other Expense': 'Expense',
  'Cost of Goods Sold': 'Expense',
  'Accounts Payable': 'Liability',
  'Credit Card': 'Liability',
  'Long Term Liability': 'Liability',
  'Other Current Liability': 'Liability',
  Income: 'Revenue',
  'Other Income': 'Revenue',
};

const nameKey = (record: StoredRecord): string | undefined =>
  typeof record.body.Name === 'string' ? normaliseName(record.body.Name) : undefined;

export const ACCOUNT_RULES: EntityRules = {
  entity: 'Account',
  writable: new Set(['Name', 'AccountType', 'AccountSubType', 'Active', 'Description', 'AcctNum', 'ParentRef', 'SubAccount', 'CurrencyRef', 'TaxCodeRef']),
  computed: new Set(['FullyQualifiedName', 'Classification', 'CurrentBalance', 'CurrentBalanceWithSubAccounts']),
  creatable: true,
  deletable: false,
  prepare(input, context) {
    const body = { ...input };
    const name = readString(body, 'Name', { required: true, max: 100, noSeparators: true }) as string;
    if (name.includes('"')) throw invalidCharacters('Name');
    const owner = context.store.accountNames.get(normaliseName(name));
    if (owner && owner !== context.previous) throw duplicateName('account');
    const type = readString(body, 'AccountType', { required: true, max: 100 }) as string;
    const classification = CLASSIFICATION[type];
    if (!classification) throw invalidEnumeration('AccountType', type);
    readString(body, 'Description', { max: 100 });
    readString(body, 'AcctNum', { max: 20 });
    return { ...body, Name: name, FullyQualifiedName: name, Classification: classification, Active: readBoolean(body, 'Active', true) };
  },
  commit(store, before, after) {
    reindexName(store.accountNames, nameKey, before, after);
  },
  derived: ['CurrentBalance', 'CurrentBalanceWithSubAccounts'],
  present(_store, _record, wire) {
    wire.CurrencyRef ??= { value: 'USD', name: 'United States Dollar' };
    wire.SubAccount ??= false;
  },
};

/** Account types a payment or refund may deposit to. */
export const DEPOSIT_ACCOUNT_TYPES: ReadonlySet<string> = new Set(['Bank', 'Other Current Asset']);
