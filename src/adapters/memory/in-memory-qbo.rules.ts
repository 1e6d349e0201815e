import type { QboError } from '../../domain/qbo/qbo-error';
import type {
  QboInvoiceFields,
  QboItemFields,
  QboNamedEntity,
  QboPaymentFields,
  QboReadableEntity,
  QboRecord,
  QboRecordOf,
  QboPurchaseFields,
  QboRefundReceiptFields,
} from '../../domain/qbo/qbo-records';
import { err, ok, type Result } from '../../domain/shared/result';
import { nameKey, type InMemoryQboCompany } from './in-memory-qbo.company';
import { businessValidation, duplicateDocNumber, duplicateName, invalidReference, notFound, requiredField } from './in-memory-qbo.faults';

const people = ['Customer', 'Vendor', 'Employee'] as const;
const depositTypes = new Set(['Bank', 'Other Current Asset']);
const done: Result<void, never> = ok(undefined);

export const nameOf = (record: QboRecordOf<QboNamedEntity>): string =>
  record.entity === 'Item' ? record.fields.name : record.fields.displayName;

/** The record already holding `name` in the entity's namespace: Customer, Vendor and Employee share one; Items have their own. */
export const nameHolder = (company: InMemoryQboCompany, entity: QboNamedEntity, name: string): QboRecordOf<QboNamedEntity> | undefined => {
  const wanted = nameKey(name);
  const space: readonly QboNamedEntity[] = entity === 'Item' ? ['Item'] : people;
  for (const each of space) {
    const found = company.all(each).find((record) => nameKey(nameOf(record)) === wanted);
    if (found) return found;
  }
  return undefined;
};

/** Inactive records keep their names: QBO refuses the name all the same. */
export const checkName = (company: InMemoryQboCompany, entity: QboNamedEntity, name: string | undefined, selfId?: string): Result<void, QboError> => {
  if (name === undefined || name.trim() === '') return err(requiredField(entity === 'Item' ? 'Name' : 'DisplayName'));
  const holder = nameHolder(company, entity, name);
  return holder && holder.ref.id !== selfId ? err(duplicateName(entity, name)) : done;
};

/** A reference must point at an existing record; an inactive one is "not found", as QBO answers. */
const checkRef = (company: InMemoryQboCompany, entity: QboReadableEntity, id: string, element: string): Result<QboRecord, QboError> => {
  const record = company.get(entity, id);
  if (!record) return err(invalidReference(element));
  if ('active' in record.fields && record.fields.active === false) return err(notFound(entity, id));
  return ok(record);
};

export const checkIncomeAccount = (company: InMemoryQboCompany, fields: QboItemFields): Result<void, QboError> => {
  if (fields.incomeAccountId === undefined) return err(requiredField('IncomeAccountRef'));
  const account = checkRef(company, 'Account', fields.incomeAccountId, 'IncomeAccountRef');
  if (!account.ok) return account;
  if (account.value.entity === 'Account' && account.value.fields.accountType !== 'Income') {
    return err(businessValidation('IncomeAccountRef must be an account of type Income', 'IncomeAccountRef'));
  }
  return done;
};

const checkDepositAccount = (company: InMemoryQboCompany, id: string): Result<void, QboError> => {
  const account = checkRef(company, 'Account', id, 'DepositToAccountRef');
  if (!account.ok) return account;
  if (account.value.entity === 'Account' && !depositTypes.has(account.value.fields.accountType)) {
    return err(businessValidation('DepositToAccountRef must be a bank or other current asset account', 'DepositToAccountRef'));
  }
  return done;
};

export const checkInvoice = (company: InMemoryQboCompany, fields: QboInvoiceFields, selfId?: string): Result<void, QboError> => {
  const customer = checkRef(company, 'Customer', fields.customerId, 'CustomerRef');
  if (!customer.ok) return customer;
  if (fields.lines.length === 0) return err(requiredField('Line'));
  for (const line of fields.lines) {
    if (line.itemId === null) continue;
    const item = checkRef(company, 'Item', line.itemId, 'Line.SalesItemLineDetail.ItemRef');
    if (!item.ok) return item;
  }
  const docNumber = fields.docNumber;
  if (docNumber !== null && company.all('Invoice').some((invoice) => invoice.fields.docNumber === docNumber && invoice.ref.id !== selfId)) {
    return err(duplicateDocNumber('Invoice', docNumber));
  }
  return done;
};

/** The amount of a payment's invoice line: its share when given (the rest unapplied), else the whole amount; none without an invoice. */
export const lineAmount = (fields: QboPaymentFields): number => (fields.invoiceId === null ? 0 : (fields.appliedCents ?? fields.totalCents));

/** What a payment applies to its invoice: its line amount, or nothing for an account credit. */
export const appliedBy = (payment: QboRecordOf<'Payment'>): number => payment.fields.totalCents - payment.unappliedCents;

export const appliedTo = (company: InMemoryQboCompany, invoiceId: string, exceptPaymentId?: string): number =>
  company
    .all('Payment')
    .filter((payment) => payment.fields.invoiceId === invoiceId && payment.ref.id !== exceptPaymentId)
    .reduce((sum, payment) => sum + appliedBy(payment), 0);

export const invoiceTotal = (fields: QboInvoiceFields): number => fields.lines.reduce((sum, line) => sum + (line.itemId === null ? 0 : line.amountCents), 0);

/** Each refund expense a credit links: there, the same customer's, and never linked beyond its amount. */
const checkRefundLinks = (company: InMemoryQboCompany, fields: QboPaymentFields, selfId?: string): Result<void, QboError> => {
  for (const link of fields.refundLinks ?? []) {
    const purchase = company.get('Purchase', link.purchaseId);
    if (!purchase) return err(invalidReference('Line.LinkedTxn.TxnId'));
    if (purchase.fields.customerId !== fields.customerId) return err(businessValidation(`Expense ${link.purchaseId} belongs to another customer`, 'Line.LinkedTxn'));
    const linkedElsewhere = company.all('Payment').filter((payment) => payment.ref.id !== selfId).reduce((sum, payment) => sum + (payment.fields.refundLinks ?? []).filter((other) => other.purchaseId === link.purchaseId).reduce((cents, other) => cents + other.amountCents, 0), 0);
    if (link.amountCents > purchase.fields.amountCents - linkedElsewhere) return err(businessValidation(`The amount applied to Expense ${link.purchaseId} is more than its open balance`, 'Line.Amount'));
  }
  return done;
};

/** Cents of a payment's lines that link refund expenses. */
export const refundLinked = (fields: QboPaymentFields): number => (fields.refundLinks ?? []).reduce((sum, link) => sum + link.amountCents, 0);

export const linkedToPayment = (company: InMemoryQboCompany, purchaseId: string): boolean =>
  company.all('Payment').some((payment) => (payment.fields.refundLinks ?? []).some((link) => link.purchaseId === purchaseId));

export const checkPurchase = (company: InMemoryQboCompany, fields: QboPurchaseFields): Result<void, QboError> => {
  const customer = checkRef(company, 'Customer', fields.customerId, 'EntityRef');
  if (!customer.ok) return customer;
  if (fields.amountCents < 0) return err(businessValidation('A line amount cannot be negative', 'Line.Amount'));
  const account = checkRef(company, 'Account', fields.receivableAccountId, 'Line.AccountBasedExpenseLineDetail.AccountRef');
  if (!account.ok) return account;
  return checkDepositAccount(company, fields.paidFromAccountId);
};

export const checkPayment = (company: InMemoryQboCompany, fields: QboPaymentFields, selfId?: string): Result<void, QboError> => {
  const customer = checkRef(company, 'Customer', fields.customerId, 'CustomerRef');
  if (!customer.ok) return customer;
  if (fields.totalCents < 0) return err(businessValidation('TotalAmt cannot be negative', 'TotalAmt'));
  const deposit = checkDepositAccount(company, fields.depositAccountId);
  if (!deposit.ok) return deposit;
  const refunds = checkRefundLinks(company, fields, selfId);
  if (!refunds.ok) return refunds;
  if (fields.invoiceId === null) return refundLinked(fields) > fields.totalCents ? err(businessValidation('The amount applied to transactions is more than the payment total', 'TotalAmt')) : done;
  const invoice = company.get('Invoice', fields.invoiceId);
  if (!invoice) return err(invalidReference('Line.LinkedTxn.TxnId'));
  if (invoice.fields.customerId !== fields.customerId) return err(businessValidation(`Invoice ${invoice.ref.id} belongs to another customer`, 'Line.LinkedTxn'));
  const applied = lineAmount(fields);
  if (applied + refundLinked(fields) > fields.totalCents) return err(businessValidation('The amount applied to transactions is more than the payment total', 'TotalAmt'));
  if (applied === 0) return done;
  const open = invoiceTotal(invoice.fields) - appliedTo(company, invoice.ref.id, selfId);
  if (applied > open) return err(businessValidation(`The amount applied to Invoice ${invoice.ref.id} is more than its open balance`, 'Line.Amount'));
  return done;
};

export const checkRefundReceipt = (company: InMemoryQboCompany, fields: QboRefundReceiptFields): Result<void, QboError> => {
  const customer = checkRef(company, 'Customer', fields.customerId, 'CustomerRef');
  if (!customer.ok) return customer;
  const item = checkRef(company, 'Item', fields.refundItemId, 'Line.SalesItemLineDetail.ItemRef');
  if (!item.ok) return item;
  return checkDepositAccount(company, fields.depositAccountId);
};
