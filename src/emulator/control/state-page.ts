import type { EmulatedEntity } from '../emulated-entity';
import { centsToDecimal } from '../money';
import type { RealmStore } from '../realm-store';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// The emulator is a program of its own and shares no code with the plugin's adapters, so it escapes for itself.
const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => entities[c] ?? c);

const money = (cents: unknown): string => (typeof cents === 'number' ? centsToDecimal(cents).toFixed(2) : '');
const refName = (store: RealmStore, ref: unknown): string => {
  const id = (ref as { value?: string } | undefined)?.value;
  const customer = id ? store.get('Customer', id) : undefined;
  return customer ? String(customer.body.DisplayName) : (id ?? '');
};

interface Column {
  readonly title: string;
  readonly value: (body: Record<string, unknown>, store: RealmStore) => string;
}

const SECTIONS: ReadonlyArray<{ entity: EmulatedEntity; title: string; columns: Column[] }> = [
  { entity: 'Customer', title: 'Customers', columns: [{ title: 'Name', value: (b) => String(b.DisplayName) }, { title: 'Email', value: (b) => String((b.PrimaryEmailAddr as { Address?: string } | undefined)?.Address ?? '') }] },
  { entity: 'Item', title: 'Products and services', columns: [{ title: 'Name', value: (b) => String(b.Name) }, { title: 'Type', value: (b) => String(b.Type) }, { title: 'Price', value: (b) => money(b.UnitPrice) }] },
  { entity: 'Invoice', title: 'Invoices', columns: [{ title: 'No.', value: (b) => String(b.DocNumber ?? '') }, { title: 'Customer', value: (b, s) => refName(s, b.CustomerRef) }, { title: 'Total', value: (b) => money(b.TotalAmt) }, { title: 'Balance', value: (b) => money(b.Balance) }] },
  { entity: 'Payment', title: 'Payments', columns: [{ title: 'Customer', value: (b, s) => refName(s, b.CustomerRef) }, { title: 'Amount', value: (b) => money(b.TotalAmt) }, { title: 'Unapplied', value: (b) => money(b.UnappliedAmt) }, { title: 'Note', value: (b) => String(b.PrivateNote ?? '') }] },
  { entity: 'RefundReceipt', title: 'Refunds', columns: [{ title: 'No.', value: (b) => String(b.DocNumber ?? '') }, { title: 'Customer', value: (b, s) => refName(s, b.CustomerRef) }, { title: 'Amount', value: (b) => money(b.TotalAmt) }] },
];

function section(store: RealmStore, entity: EmulatedEntity, title: string, columns: Column[]): string {
  const records = [...store.table(entity).values()].filter((record) => !record.deleted);
  const head = ['Id', ...columns.map((column) => column.title), 'Status'].map((name) => `<th>${escapeHtml(name)}</th>`).join('');
  const rows = records
    .map((record) => {
      const cells = [record.id, ...columns.map((column) => column.value(record.body, store)), record.body.Active === false ? 'inactive' : 'active'];
      return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<h3>${escapeHtml(title)} (${records.length})</h3><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** What a person would see in QBO for each company, on one page. */
export function renderStatePage(stores: readonly RealmStore[]): string {
  const companies = stores
    .map((store) => `<section><h2>${escapeHtml(store.companyName)} <small>realm ${escapeHtml(store.realmId)}</small></h2>${SECTIONS.map((s) => section(store, s.entity, s.title, s.columns)).join('')}</section>`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>QBO emulator</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;margin-bottom:1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style>
</head><body><h1>QBO emulator</h1>${companies || '<p>No companies yet.</p>'}</body></html>`;
}
