import type { Body, StoredRecord } from '../emulated-entity';
import { businessValidation, invalidEnumeration, invalidReference, objectNotFound, requiredParam, validationFault } from '../qbo-fault';
import type { RealmStore } from '../realm-store';
import { readString } from './field-checks';
import { openAmount } from './transaction-fields';

/**
 * What a payment line may link to (Intuit, Payment.Line.LinkedTxn: Invoice, CreditMemo, Expense, Check, ...). An
 * Expense or a Check is a Purchase that pays money out to the customer against Accounts Receivable: QBO's documented way
 * to refund a customer's credit is such an expense or cheque, then linked to the credit in Receive payment
 * (quickbooks.intuit.com help "Issue and record a customer refund" and "Handle customer overpayments").
 */
const LINKABLE: Readonly<Record<string, { entity: 'Invoice' | 'CreditMemo' | 'Purchase'; paymentType?: string; charge: boolean }>> = {
  Invoice: { entity: 'Invoice', charge: true },
  CreditMemo: { entity: 'CreditMemo', charge: false },
  Expense: { entity: 'Purchase', paymentType: 'Cash', charge: true },
  Check: { entity: 'Purchase', paymentType: 'Check', charge: true },
};

export interface PreparedLinks {
  readonly lines: Body[];
  /** Cents applied to charges (invoices, refund expenses) less credits used (credit memos). */
  readonly appliedCents: number;
}

function target(store: RealmStore, link: Body, customerId: string): { record: StoredRecord; txnType: string; charge: boolean } {
  const txnType = readString(link, 'TxnType', { required: true, max: 30 }, 'Line.LinkedTxn.TxnType') as string;
  const kind = LINKABLE[txnType];
  if (!kind) throw invalidEnumeration('Line.LinkedTxn.TxnType', txnType);
  const txnId = link.TxnId;
  if (txnId === undefined || txnId === null || txnId === '') throw requiredParam('Line.LinkedTxn.TxnId');
  const record = store.get(kind.entity, String(txnId));
  if (!record || (kind.paymentType !== undefined && record.body.PaymentType !== kind.paymentType)) throw invalidReference('Line.LinkedTxn.TxnId');
  if (record.deleted) throw objectNotFound('Line.LinkedTxn.TxnId');
  const owner = kind.entity === 'Purchase' ? ((record.body.EntityRef as Body | undefined)?.value as string | undefined) : ((record.body.CustomerRef as Body).value as string);
  if (owner !== customerId) throw businessValidation(`${txnType} ${record.id} belongs to another customer`, 'Line.LinkedTxn');
  return { record, txnType, charge: kind.charge };
}

/** Lines that link the payment to what it pays (invoices, refund expenses) and to the credits it uses (credit memos). */
export function preparePaymentLinks(store: RealmStore, body: Body, customerId: string, paymentId: string | undefined): PreparedLinks {
  const input = body.Line ?? [];
  if (!Array.isArray(input)) throw validationFault('2010', 'Request has invalid or unsupported property', 'Line must be a list', 'Line');
  const applied = new Map<string, number>();
  const lines: Body[] = [];
  let appliedCents = 0;
  for (const raw of input as Body[]) {
    const amount = raw?.Amount;
    if (typeof amount !== 'number') throw requiredParam('Line.Amount');
    if (amount <= 0) throw businessValidation('A payment line amount must be more than zero', 'Line.Amount');
    const links = raw.LinkedTxn;
    if (!Array.isArray(links) || links.length !== 1) throw requiredParam('Line.LinkedTxn');
    const linked = target(store, links[0] as Body, customerId);
    const total = (applied.get(linked.record.id) ?? 0) + amount;
    if (total > openAmount(store, linked.record, paymentId)) {
      throw businessValidation(`The amount applied to ${linked.txnType} ${linked.record.id} is more than its open balance`, 'Line.Amount');
    }
    applied.set(linked.record.id, total);
    appliedCents += linked.charge ? amount : -amount;
    lines.push({ Amount: amount, LinkedTxn: [{ TxnId: linked.record.id, TxnType: linked.txnType }] });
  }
  return { lines, appliedCents };
}
