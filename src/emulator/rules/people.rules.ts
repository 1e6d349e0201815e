import type { Body, EmulatedEntity, StoredRecord } from '../emulated-entity';
import { businessValidation, duplicateName, requiredParam, validationFault } from '../qbo-fault';
import { normaliseName } from '../realm-store';
import { reindexName, type EntityRules, type WriteContext } from './entity-rules';
import { checkNestedLengths, readBoolean, readObject, readString } from './field-checks';

const ADDRESS_LIMITS = { Line1: 500, Line2: 500, Line3: 500, Line4: 500, Line5: 500, City: 255, Country: 255, CountrySubDivisionCode: 255, PostalCode: 30 };
const PHONE_LIMITS = { FreeFormNumber: 30 };

const COMMON_WRITABLE = [
  'DisplayName', 'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'CompanyName', 'PrintOnCheckName', 'Active',
  'PrimaryEmailAddr', 'PrimaryPhone', 'Mobile', 'Fax', 'AlternatePhone', 'WebAddr', 'Notes', 'CurrencyRef',
];
const WRITABLE_BY_ENTITY: Record<'Customer' | 'Vendor' | 'Employee', readonly string[]> = {
  Customer: [
    'BillAddr', 'ShipAddr', 'Taxable', 'Job', 'ParentRef', 'BillWithParent', 'PreferredDeliveryMethod', 'ResaleNum',
    'PaymentMethodRef', 'SalesTermRef', 'OpenBalanceDate', 'DefaultTaxCodeRef', 'TaxExemptionReasonId', 'SecondaryTaxIdentifier',
  ],
  Vendor: ['BillAddr', 'Vendor1099', 'AcctNum', 'TaxIdentifier', 'TermRef', 'APAccountRef', 'BillRate', 'OtherContactInfo'],
  Employee: ['PrimaryAddr', 'SSN', 'EmployeeNumber', 'BirthDate', 'HiredDate', 'ReleasedDate', 'Gender', 'BillableTime', 'BillRate', 'CostRate', 'Organization'],
};
const NAME_PARTS = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'] as const;

const displayNameKey = (record: StoredRecord): string | undefined =>
  typeof record.body.DisplayName === 'string' ? normaliseName(record.body.DisplayName) : undefined;

function checkEmail(body: Body): void {
  const email = readObject(body, 'PrimaryEmailAddr');
  if (!email) return;
  const address = readString(email, 'Address', { max: 100 }, 'PrimaryEmailAddr.Address');
  if (address !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
    throw businessValidation('Invalid email address format', 'PrimaryEmailAddr.Address');
  }
}

/**
 * QBO refuses to make a customer inactive while it has an open balance: "Delete List Has Balance Error: The entity you
 * are trying to delete has an open balance. : This customer cannot be deleted because it has a non-zero balance"
 * (ruckus/quickbooks-ruby#390; the code is not published, 6000 is the closest documented one).
 */
function refuseDeactivatingWithBalance(body: Body, context: WriteContext): void {
  const previous = context.previous;
  if (!previous || previous.entity !== 'Customer' || previous.body.Active === false || body.Active !== false) return;
  const balance = (previous.body.BalanceWithJobs as number | undefined) ?? 0;
  if (balance === 0) return;
  throw validationFault('6000', 'Delete List Has Balance Error', 'The entity you are trying to delete has an open balance. : This customer cannot be deleted because it has a non-zero balance', 'Active');
}

function prepare(input: Body, context: WriteContext): Body {
  const body: Body = { ...input };
  const parts: string[] = [];
  for (const part of NAME_PARTS) {
    const value = readString(body, part, { max: part === 'Title' || part === 'Suffix' ? 16 : 100, noSeparators: true });
    if (value !== undefined) parts.push(value);
  }
  let displayName = readString(body, 'DisplayName', { max: 500, noSeparators: true });
  // QBO generates DisplayName from the name parts, and a sparse update cannot remove it.
  displayName ??= parts.length > 0 ? parts.join(' ') : (context.previous?.body.DisplayName as string | undefined);
  if (displayName === undefined) throw requiredParam('DisplayName');
  const owner = context.store.peopleNames.get(normaliseName(displayName));
  if (owner && owner !== context.previous) throw duplicateName('customer, vendor or employee');
  body.DisplayName = displayName;
  body.FullyQualifiedName = displayName;
  // Intuit's Customer sample: CompanyName "King Groceries", DisplayName "King's Groceries", PrintOnCheckName "King Groceries".
  const companyName = readString(body, 'CompanyName', { max: 100 });
  body.PrintOnCheckName = readString(body, 'PrintOnCheckName', { max: 110, noSeparators: true }) ?? (companyName ?? displayName).slice(0, 110);
  for (const address of ['BillAddr', 'ShipAddr', 'PrimaryAddr']) {
    const given = body[address];
    if (given !== null && typeof given === 'object') {
      // Every address QBO keeps has an Id of its own (Intuit's samples: BillAddr "Id": "112").
      const kept = (context.previous?.body[address] as Body | undefined)?.Id;
      body[address] = { ...(given as Body), Id: typeof (given as Body).Id === 'string' ? (given as Body).Id : typeof kept === 'string' ? kept : context.store.takeAddressId() };
    }
  }
  readString(body, 'Notes', { max: 2000 });
  checkNestedLengths(body, 'WebAddr', { URI: 1000 });
  checkEmail(body);
  for (const phone of ['PrimaryPhone', 'Mobile', 'Fax', 'AlternatePhone']) checkNestedLengths(body, phone, PHONE_LIMITS);
  for (const address of ['BillAddr', 'ShipAddr', 'PrimaryAddr']) checkNestedLengths(body, address, ADDRESS_LIMITS);
  body.Active = readBoolean(body, 'Active', true);
  refuseDeactivatingWithBalance(body, context);
  return body;
}

function peopleRules(entity: 'Customer' | 'Vendor' | 'Employee'): EntityRules {
  return {
    entity,
    writable: new Set([...COMMON_WRITABLE, ...WRITABLE_BY_ENTITY[entity]]),
    computed: new Set(['FullyQualifiedName', 'Balance', 'BalanceWithJobs', 'Level', 'V4IDPseudonym', 'IsProject']),
    creatable: true,
    deletable: false,
    prepare,
    commit(store, before, after) {
      reindexName(store.peopleNames, displayNameKey, before, after);
    },
    // Customer balances come from the books (Accounts Receivable); a vendor's would come from A/P, which nothing here posts to.
    derived: entity === 'Employee' ? [] : entity === 'Customer' ? ['Balance', 'BalanceWithJobs'] : ['Balance'],
    present(store, _record, wire) {
      // Defaults QBO answers with (Intuit's Customer, Vendor and Employee samples).
      if (entity === 'Customer') {
        wire.Job ??= false;
        wire.BillWithParent ??= false;
        wire.IsProject ??= false;
        wire.PreferredDeliveryMethod ??= 'Print';
        wire.Taxable ??= store.salesTax !== 'off';
        // AST: "Customer.DefaultTaxCodeRef populated with company's default tax code as defined by AST" (Intuit blog, 2017).
        // A manual company gives its customers the default code of TaxPrefs.TaxGroupCodeRef (Intuit's Customer sample: "2").
        if (store.salesTax !== 'off' && store.defaultTaxCodeId !== undefined) wire.DefaultTaxCodeRef ??= { value: store.defaultTaxCodeId };
      }
      if (entity === 'Vendor') wire.Vendor1099 ??= false;
      if (entity === 'Employee') wire.BillableTime ??= false;
      if (entity !== 'Employee') wire.CurrencyRef ??= { value: 'USD', name: 'United States Dollar' };
    },
  };
}

export const PEOPLE_RULES: Readonly<Record<'Customer' | 'Vendor' | 'Employee', EntityRules>> = {
  Customer: peopleRules('Customer'),
  Vendor: peopleRules('Vendor'),
  Employee: peopleRules('Employee'),
};

export const isPeopleEntity = (entity: EmulatedEntity): entity is 'Customer' | 'Vendor' | 'Employee' =>
  entity === 'Customer' || entity === 'Vendor' || entity === 'Employee';
