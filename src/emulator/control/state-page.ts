import { booksSummary } from '../books/books-summary';
import type { Body, EmulatedEntity, StoredRecord } from '../emulated-entity';
import { centsToDecimal } from '../money';
import type { RealmStore } from '../realm-store';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// The emulator is a program of its own and shares no code with the plugin's adapters, so it escapes for itself.
const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => entities[c] ?? c);

const money = (cents: unknown): string => (typeof cents === 'number' ? centsToDecimal(cents).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : '');
const refName = (store: RealmStore, ref: unknown, entity: EmulatedEntity = 'Customer'): string => {
  const id = (ref as Body | undefined)?.value as string | undefined;
  const record = id ? store.get(entity, id) : undefined;
  return record ? String(record.body.DisplayName ?? record.body.Name) : (id ?? '');
};
const live = (store: RealmStore, entity: EmulatedEntity, keep: (body: Body) => boolean = () => true): StoredRecord[] =>
  [...store.table(entity).values()].filter((record) => !record.deleted && keep(record.body));

function table(title: string, head: readonly string[], rows: readonly (readonly unknown[])[], empty: string): string {
  const header = head.map((name, index) => `<th${index > 0 && /amount|balance|credit|due|total|open/i.test(name) ? ' class="n"' : ''}>${escapeHtml(name)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((cell) => `<td${typeof cell === 'object' && cell !== null ? ' class="n"' : ''}>${escapeHtml(typeof cell === 'object' && cell !== null ? (cell as { n: string }).n : cell)}</td>`).join('')}</tr>`).join('');
  return `<h3>${escapeHtml(title)}</h3>${rows.length === 0 ? `<p class="empty">${escapeHtml(empty)}</p>` : `<table><thead><tr>${header}</tr></thead><tbody>${body}</tbody></table>`}`;
}

/** A right-aligned amount cell. */
const n = (cents: unknown): { n: string } => ({ n: money(cents) });

/** One company as a bookkeeper reads it in QBO: who owes what, what is open, what waits to be deposited, the accounts. */
function company(store: RealmStore): string {
  const books = booksSummary(store);
  const customers = table('Customer balances', ['Customer', 'Status', 'Open invoices', 'Open credit', 'Balance'],
    books.customers.map((row) => [row.name, row.active ? 'active' : 'inactive', n(row.openReceivableCents), n(row.openCreditCents), n(row.balanceCents)]), 'No customers yet.');
  const invoices = table('Open invoices', ['No.', 'Customer', 'Date', 'Due', 'Total', 'Balance due'],
    live(store, 'Invoice', (body) => (body.Balance as number) > 0).map((record) => [record.body.DocNumber, refName(store, record.body.CustomerRef), record.body.TxnDate, record.body.DueDate, n(record.body.TotalAmt), n(record.body.Balance)]), 'No open invoices.');
  const payments = table('Payments received', ['Customer', 'Amount', 'Date', 'Unapplied', 'Deposited to'],
    live(store, 'Payment').map((record) => [refName(store, record.body.CustomerRef), n(record.body.TotalAmt), record.body.TxnDate, n(record.body.UnappliedAmt), refName(store, record.body.DepositToAccountRef, 'Account')]), 'No payments.');
  const unapplied = table('Unapplied payments (customer credit)', ['Customer', 'Date', 'Amount', 'Unapplied', 'Deposited to'],
    live(store, 'Payment', (body) => (body.UnappliedAmt as number) > 0).map((record) => [refName(store, record.body.CustomerRef), record.body.TxnDate, n(record.body.TotalAmt), n(record.body.UnappliedAmt), refName(store, record.body.DepositToAccountRef, 'Account')]), 'No unapplied payments.');
  const deposits = table('Bank deposits', ['Date', 'Account', 'Payments', 'Other lines', 'Total'],
    live(store, 'Deposit').map((record) => {
      const lines = record.body.Line as Body[];
      const linked = lines.filter((line) => line.LinkedTxn).length;
      return [record.body.TxnDate, refName(store, record.body.DepositToAccountRef, 'Account'), linked, lines.length - linked, n(record.body.TotalAmt)];
    }), 'No deposits.');
  const accounts = table('Account balances', ['Account', 'Type', 'Balance'],
    books.accounts.filter((row) => row.balanceCents !== 0 || ['Bank', 'Accounts Receivable'].includes(row.accountType) || row.name === 'Undeposited Funds').map((row) => [row.name, row.accountType, n(row.balanceCents)]), 'No accounts.');
  const tax = store.salesTax === 'off' ? 'no sales tax' : store.salesTax === 'automated' ? 'automated sales tax' : 'manual sales tax';
  return `<section><h2>${escapeHtml(store.companyName)} <small>realm ${escapeHtml(store.realmId)} · ${escapeHtml(tax)} · ${escapeHtml(store.timeZone)}</small></h2>${customers}${invoices}${payments}${unapplied}${deposits}${accounts}</section>`;
}

/** What a person would see in QBO for each company, on one page. */
export function renderStatePage(stores: readonly RealmStore[]): string {
  const companies = stores.map(company).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>QBO emulator</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;margin-bottom:1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}.n{text-align:right;font-variant-numeric:tabular-nums}.empty{color:#666}small{color:#666;font-weight:normal}</style>
</head><body><h1>QBO emulator</h1>${companies || '<p>No companies yet.</p>'}</body></html>`;
}
