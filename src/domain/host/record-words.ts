import { customerDisplayName } from '../customers/customer-to-qbo';
import { moneyWords } from '../shared/money-words';
import type { HostRecordKind, HostRecordOfKind } from './host-records';

/** "$1,234.50" (or "CA$1,234.50" in a Canadian company) from integer cents, without floating point. */
export const centsInWords = (cents: number, currency: string | null = null): string => moneyWords(cents, currency);

const KIND_WORDS: Readonly<Record<HostRecordKind, string>> = { customer: 'customer', item: 'item', invoice: 'invoice', payment: 'payment', refund: 'refund', payout: 'payout' };

/**
 * A host record as the activity log names it: what the host's people see — the customer's or item's name, the
 * invoice number, a payment's or refund's amount and date — never its id (internal, a UUID for some hosts).
 */
export const recordWords = <K extends HostRecordKind>(kind: K, record: HostRecordOfKind[K], currency: string | null = null): string => {
  switch (kind) {
    case 'customer':
      return `customer "${customerDisplayName(record as HostRecordOfKind['customer'])}"`;
    case 'item':
      return `item "${(record as HostRecordOfKind['item']).name.trim()}"`;
    case 'invoice': {
      const invoice = record as HostRecordOfKind['invoice'];
      return invoice.number.trim() === '' ? `the invoice of ${invoice.issuedOn} for ${centsInWords(invoice.totalCents, currency)}` : `invoice ${invoice.number.trim()}`;
    }
    case 'payment': {
      const payment = record as HostRecordOfKind['payment'];
      return `${payment.invoiceId === null ? 'account credit' : 'payment'} of ${centsInWords(payment.amountCents, currency)} received ${payment.receivedOn}`;
    }
    case 'refund': {
      const refund = record as HostRecordOfKind['refund'];
      return `refund of ${centsInWords(refund.amountCents, currency)} on ${refund.refundedOn}`;
    }
    default: {
      const payout = record as HostRecordOfKind['payout'];
      return `payout of ${centsInWords(payout.netCents, currency)} on ${payout.paidOn}`;
    }
  }
};

/**
 * A record the plugin cannot read now (deleted in the app, or unreadable), named by what it last sent to QBO
 * (`pushed`: a display name, item name or invoice number) when there is one. A row that cannot be read and was never
 * sent has nothing else to name it: its id is then what the host's engineer finds it by.
 */
export const lastKnownWords = (kind: HostRecordKind, pushed: Readonly<Record<string, unknown>> | null, why: 'missing' | 'unreadable', hostId: string): string => {
  const name = [pushed?.['displayName'], pushed?.['name']].find((value): value is string => typeof value === 'string' && value.trim() !== '');
  if (name !== undefined) return `${KIND_WORDS[kind]} "${name}"`;
  const number = pushed?.['docNumber'];
  if (typeof number === 'string' && number.trim() !== '') return `${KIND_WORDS[kind]} ${number}`;
  return why === 'missing' ? `${KIND_WORDS[kind] === 'item' ? 'an' : 'a'} ${KIND_WORDS[kind]} no longer in the app` : `the ${KIND_WORDS[kind]} of row ${hostId}`;
};
