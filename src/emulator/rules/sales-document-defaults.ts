import type { Body, StoredRecord } from '../emulated-entity';
import type { RealmStore } from '../realm-store';
import { readDate, refTo, resolveRef } from './field-checks';

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** An address as QBO keeps it on a transaction: every address carries an Id of QBO's own. */
function withAddressId(store: RealmStore, address: unknown, keepId?: unknown): Body | undefined {
  if (address === null || typeof address !== 'object') return undefined;
  const given = address as Body;
  return { ...given, Id: typeof given.Id === 'string' ? given.Id : typeof keepId === 'string' ? keepId : store.takeAddressId() };
}

/**
 * What QBO fills in on an invoice, credit memo or refund receipt the client left out, as Intuit's samples show:
 * the customer's bill-to address (its own Id) and ship-to address (copied under a new Id), PrintStatus "NeedToPrint",
 * EmailStatus "NotSet", ApplyTaxAfterDiscount false.
 */
export function salesDocumentDefaults(store: RealmStore, body: Body, previous: StoredRecord | undefined): Body {
  const customerId = (body.CustomerRef as Body | undefined)?.value as string | undefined;
  const customer = customerId === undefined ? undefined : store.get('Customer', customerId);
  const customerBill = customer?.body.BillAddr as Body | undefined;
  const customerShip = (customer?.body.ShipAddr ?? customerBill) as Body | undefined;
  return {
    ...body,
    BillAddr: withAddressId(store, body.BillAddr, (previous?.body.BillAddr as Body | undefined)?.Id) ?? (customerBill ? { ...customerBill } : undefined),
    ShipAddr: withAddressId(store, body.ShipAddr, (previous?.body.ShipAddr as Body | undefined)?.Id) ?? (customerShip ? { ...customerShip, Id: store.takeAddressId() } : undefined),
    PrintStatus: body.PrintStatus ?? 'NeedToPrint',
    EmailStatus: body.EmailStatus ?? 'NotSet',
    ApplyTaxAfterDiscount: body.ApplyTaxAfterDiscount ?? false,
  };
}

/**
 * An invoice's terms and due date: the terms sent, else the customer's, else the company's default
 * (Preferences.SalesFormsPrefs.DefaultTerms); DueDate is TxnDate plus the terms' DueDays unless sent (Intuit's sample:
 * TxnDate 2015-07-24, DueDate 2015-08-23 under Net 30).
 */
export function invoiceTerms(store: RealmStore, body: Body): Body {
  const customer = store.get('Customer', (body.CustomerRef as Body).value as string) as StoredRecord;
  const preferences = store.get('Preferences', '1')?.body.SalesFormsPrefs as Body | undefined;
  const fallback = (customer.body.SalesTermRef ?? preferences?.DefaultTerms) as Body | undefined;
  const term = resolveRef(store, body.SalesTermRef === undefined ? { SalesTermRef: fallback } : body, 'SalesTermRef', ['Term'], false);
  const dueDate = readDate(body, 'DueDate') ?? (term ? addDays(body.TxnDate as string, Number(term.body.DueDays ?? 0)) : (body.TxnDate as string));
  return { ...body, ...(term ? { SalesTermRef: refTo(term.id) } : {}), DueDate: dueDate, Deposit: 0 };
}
