import type { QboError } from '../../domain/qbo/qbo-error';
import type {
  QboDepositFields,
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
  const tax = checkInvoiceTax(company, fields);
  if (!tax.ok) return tax;
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

/** The lines with an item, plus the sales tax as sent (the plugin always sends the host's TotalTax with its code). */
export const invoiceTotal = (fields: QboInvoiceFields): number =>
  fields.lines.reduce((sum, line) => sum + (line.itemId === null ? 0 : line.amountCents), 0) + (fields.taxCents ?? 0);

/** QBO's tax rules as the emulator has them: no tax where sales tax is off, a tax code and a taxable line for any tax. */
const checkInvoiceTax = (company: InMemoryQboCompany, fields: QboInvoiceFields): Result<void, QboError> => {
  const taxCents = fields.taxCents ?? 0;
  const taxableLines = fields.lines.filter((line) => line.taxable === true && line.itemId !== null).length;
  if (company.salesTax === 'off' && (taxCents > 0 || taxableLines > 0)) {
    return err(businessValidation('Sales tax is turned off for this company (Preferences.TaxPrefs.UsingSalesTax is false), so a transaction cannot charge it', 'TxnTaxDetail'));
  }
  if (taxCents < 0) return err(businessValidation('TotalTax cannot be negative', 'TxnTaxDetail.TotalTax'));
  if (taxCents === 0) return done;
  if (fields.taxCodeId === undefined) return err(businessValidation('Make sure all your transactions have a sales tax rate before you save: TxnTaxDetail.TxnTaxCodeRef is missing', 'TxnTaxDetail.TxnTaxCodeRef'));
  const code = company.get('TaxCode', fields.taxCodeId);
  if (!code || (company.salesTax === 'manual' && !code.fields.taxGroup)) return err(invalidReference('TxnTaxDetail.TxnTaxCodeRef'));
  if (!code.fields.active) return err(notFound('TaxCode', fields.taxCodeId));
  if (taxableLines === 0) return err(businessValidation('The transaction charges sales tax but none of its lines is taxable (TaxCodeRef TAX)', 'TxnTaxDetail.TotalTax'));
  return done;
};

/** The deposit a payment sits in, if any: a deposited payment cannot be changed or deleted (6540). */
export const depositHolding = (company: InMemoryQboCompany, paymentId: string, exceptDepositId?: string): QboRecordOf<'Deposit'> | undefined =>
  company.all('Deposit').find((deposit) => deposit.ref.id !== exceptDepositId && deposit.fields.payments.some((line) => line.paymentId === paymentId));

/**
 * A bank deposit (Intuit API reference, Deposit): into a Bank or Other Current Asset account; a linked payment must wait
 * in Undeposited Funds, be deposited whole and only once; a line of its own (the fee) posts to an account.
 */
export const checkDeposit = (company: InMemoryQboCompany, fields: QboDepositFields, selfId?: string): Result<void, QboError> => {
  if (fields.depositAccountId === undefined) return err(requiredField('DepositToAccountRef'));
  const deposit = checkDepositAccount(company, fields.depositAccountId);
  if (!deposit.ok) return deposit;
  const into = company.get('Account', fields.depositAccountId);
  if (into?.fields.accountSubType === 'UndepositedFunds') return err(businessValidation('A deposit cannot go into Undeposited Funds', 'DepositToAccountRef'));
  if (fields.payments.length === 0 && fields.feeCents === 0) return err(requiredField('Line'));
  for (const line of fields.payments) {
    const payment = company.get('Payment', line.paymentId);
    if (!payment) return err(invalidReference('Line.LinkedTxn.TxnId'));
    const waitsIn = company.get('Account', payment.fields.depositAccountId);
    if (waitsIn?.fields.accountSubType !== 'UndepositedFunds') return err(businessValidation(`Payment ${line.paymentId} is not in Undeposited Funds, so it cannot be deposited`, 'Line.LinkedTxn'));
    if (line.amountCents !== payment.fields.totalCents) return err(businessValidation(`A deposit line must deposit the whole of Payment ${line.paymentId}`, 'Line.Amount'));
    if (depositHolding(company, line.paymentId, selfId)) return err(businessValidation(`Payment ${line.paymentId} is already deposited`, 'Line.LinkedTxn'));
  }
  if (fields.feeCents !== 0) {
    if (fields.feeAccountId === undefined) return err(requiredField('Line.DepositLineDetail.AccountRef'));
    const fee = checkRef(company, 'Account', fields.feeAccountId, 'Line.DepositLineDetail.AccountRef');
    if (!fee.ok) return fee;
  }
  if (depositTotal(fields) < 0) return err(businessValidation('A deposit total cannot be negative', 'Line'));
  return done;
};

export const depositTotal = (fields: QboDepositFields): number => fields.payments.reduce((sum, line) => sum + line.amountCents, 0) - fields.feeCents;

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
