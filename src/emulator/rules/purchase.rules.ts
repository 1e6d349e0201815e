import { isReceivable } from '../books/chart';
import { nonZero, totalOf } from '../books/transaction-postings';
import type { Posting } from '../books/ledger';
import type { Body, StoredRecord } from '../emulated-entity';
import { businessValidation, invalidEnumeration, requiredParam, unsupportedOperation, validationFault } from '../qbo-fault';
import type { RealmStore } from '../realm-store';
import type { EntityRules, WriteContext } from './entity-rules';
import { readBoolean, readString, refTo, resolveRef } from './field-checks';
import { prepareHeader } from './transaction-fields';

/**
 * Intuit, Purchase.AccountRef: "Check should have bank account, CreditCard should specify credit card account". Cash
 * is not described; the emulator takes the accounts money can sit in (Bank, Other Current Asset) for it (choice).
 */
const PAYMENT_ACCOUNT_TYPES: Readonly<Record<string, ReadonlySet<string>>> = {
  Cash: new Set(['Bank', 'Other Current Asset']),
  Check: new Set(['Bank']),
  CreditCard: new Set(['Credit Card']),
};

const idOf = (ref: unknown): string => (ref as Body).value as string;

/** Account-based lines; an A/R line needs a customer as payee (QBO: "you must choose a customer in the Name field"). */
function prepareLines(store: RealmStore, body: Body, payeeIsCustomer: boolean): { lines: Body[]; total: number } {
  const input = body.Line;
  if (!Array.isArray(input) || input.length === 0) throw requiredParam('Line');
  const lines: Body[] = [];
  let total = 0;
  for (const raw of input as Body[]) {
    if (raw === null || typeof raw !== 'object') throw validationFault('2010', 'Request has invalid or unsupported property', 'Each Line must be an object', 'Line');
    const detailType = readString(raw, 'DetailType', { required: true, max: 50 }, 'Line.DetailType') as string;
    if (detailType === 'ItemBasedExpenseLineDetail') throw unsupportedOperation('ItemBasedExpenseLineDetail (the emulator keeps account-based expense lines only)');
    if (detailType !== 'AccountBasedExpenseLineDetail') throw invalidEnumeration('Line.DetailType', detailType);
    const detail = raw.AccountBasedExpenseLineDetail;
    if (detail === null || typeof detail !== 'object') throw requiredParam('Line.AccountBasedExpenseLineDetail');
    const account = resolveRef(store, detail as Body, 'AccountRef', ['Account'], true, 'Line.AccountBasedExpenseLineDetail.AccountRef');
    if (isReceivable(account) && !payeeIsCustomer) {
      throw businessValidation('When you use Accounts Receivable, you must choose a customer in the Name field.', 'EntityRef');
    }
    const amount = raw.Amount;
    if (typeof amount !== 'number') throw requiredParam('Line.Amount');
    if (amount < 0) throw businessValidation('A line amount cannot be negative', 'Line.Amount');
    readString(raw, 'Description', { max: 4000 }, 'Line.Description');
    lines.push({ ...raw, Id: String(lines.length + 1), LineNum: lines.length + 1, AccountBasedExpenseLineDetail: { ...(detail as Body), AccountRef: refTo(account?.id as string, account?.body.Name) } });
    total += amount;
  }
  return { lines, total };
}

function prepare(input: Body, context: WriteContext): Body {
  const body = prepareHeader(input, context, false);
  const paymentType = readString(body, 'PaymentType', { required: true, max: 20 }) as string;
  const accountTypes = PAYMENT_ACCOUNT_TYPES[paymentType];
  if (!accountTypes) throw invalidEnumeration('PaymentType', paymentType);
  const account = resolveRef(context.store, body, 'AccountRef', ['Account'], true);
  if (!accountTypes.has(String(account?.body.AccountType))) {
    throw businessValidation(`A ${paymentType} purchase is paid from a ${[...accountTypes].join(' or ')} account`, 'AccountRef');
  }
  const payee = resolveRef(context.store, body, 'EntityRef', ['Customer', 'Vendor', 'Employee'], false);
  const { lines, total } = prepareLines(context.store, body, payee?.entity === 'Customer');
  readString(body, 'DocNumber', { max: 21 });
  const entityRef = payee ? { EntityRef: { ...refTo(payee.id, payee.body.DisplayName), type: payee.entity } } : {};
  return { ...body, ...entityRef, PaymentType: paymentType, AccountRef: refTo(account?.id as string, account?.body.Name), Line: lines, TotalAmt: total, Credit: readBoolean(body, 'Credit', false) };
}

/** Money out of the payment account; each line's account debited (a credit card refund, Credit true, the other way). */
function postings(store: RealmStore, record: StoredRecord): Posting[] {
  const sign = record.body.Credit === true ? -1 : 1;
  const payee = record.body.EntityRef as Body | undefined;
  const customerId = payee?.type === 'Customer' ? (payee.value as string) : undefined;
  const out: Posting[] = [{ accountId: idOf(record.body.AccountRef), cents: -sign * totalOf(record) }];
  for (const line of record.body.Line as Body[]) {
    const accountId = idOf((line.AccountBasedExpenseLineDetail as Body).AccountRef);
    const receivable = isReceivable(store.get('Account', accountId));
    out.push({ accountId, cents: sign * (line.Amount as number), ...(receivable ? { customerId } : {}) });
  }
  return nonZero(out);
}

export const PURCHASE_RULES: EntityRules = {
  entity: 'Purchase',
  writable: new Set([
    'AccountRef', 'PaymentType', 'EntityRef', 'Credit', 'TxnDate', 'Line', 'DocNumber', 'PrivateNote', 'PaymentMethodRef', 'PaymentRefNum',
    'CurrencyRef', 'DepartmentRef', 'PrintStatus', 'GlobalTaxCalculation', 'TxnSource', 'ExchangeRate',
  ]),
  computed: new Set(['TotalAmt', 'LinkedTxn', 'RemitToAddr', 'TxnTaxDetail']),
  creatable: true,
  deletable: true,
  prepare,
  postings,
  checkRemoval(store, record) {
    if (store.appliedTo(record.id) > 0) throw businessValidation('This expense is linked to a customer payment. Remove it from the payment first.', 'Id');
  },
  present(store, record, wire) {
    wire.CurrencyRef ??= { value: 'USD', name: 'United States Dollar' };
    const payments = [...(store.applications.get(record.id)?.keys() ?? [])];
    if (payments.length > 0) wire.LinkedTxn = payments.map((id) => ({ TxnId: id, TxnType: 'Payment' }));
  },
};
