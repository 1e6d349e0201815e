/**
 * `fieldChanges(entity, before, after)`: the host-owned fields a write changes in QBO, in a bookkeeper's words
 * ("First name: Jon → John", "Status: active → inactive"), for the preview of the first sync and the activity log.
 * Money stays integer cents here (`money: true`); the page formats it in the company's currency.
 */
import { canonicalJson } from '../shared/canonical-json';
import { moneyWords } from '../shared/money-words';

export interface FieldChange {
  readonly field: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
  /** Set when the values are money: the cents, so a reader can format them in the company's currency. */
  readonly cents?: { readonly from: number | null; readonly to: number | null };
}

const LABELS: Readonly<Record<string, string>> = {
  displayName: 'Name', givenName: 'First name', familyName: 'Last name', companyName: 'Company', email: 'Email', phone: 'Phone',
  billAddr: 'Billing address', active: 'Status', name: 'Name', type: 'Type', description: 'Description', unitPriceCents: 'Price', sku: 'SKU',
};
const TYPES: Readonly<Record<string, string>> = { Service: 'service', NonInventory: 'non-inventory product', Inventory: 'inventory product' };

export const fieldLabel = (field: string): string => LABELS[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Money with thousands separators in the company's currency ("$1,234.50", "CA$1,234.50"; null: US dollars). */
export const centsText = (cents: number, currency: string | null = null): string => moneyWords(cents, currency);

const addressText = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return '(none)';
  const a = value as Record<string, unknown>;
  const parts = [a['line1'], a['city'], [a['region'], a['postalCode']].filter(Boolean).join(' ')].filter((p) => typeof p === 'string' && p !== '');
  return parts.length === 0 ? '(none)' : parts.join(', ');
};

export const valueText = (field: string, value: unknown, currency: string | null = null): string => {
  if (value === null || value === undefined || value === '') return '(none)';
  if (field === 'active') return value ? 'active' : 'inactive';
  if (field === 'unitPriceCents' && typeof value === 'number') return centsText(value, currency);
  if (field === 'type' && typeof value === 'string') return TYPES[value] ?? value;
  if (field === 'billAddr') return addressText(value);
  return String(value);
};

export const fieldChanges = (before: Readonly<Record<string, unknown>> | null, after: Readonly<Record<string, unknown>>, currency: string | null = null): readonly FieldChange[] =>
  Object.entries(after)
    .filter(([field, value]) => before === null || canonicalJson(before[field] ?? null) !== canonicalJson(value ?? null))
    .map(([field, value]) => {
      const old = before === null ? null : before[field];
      const change: FieldChange = { field, label: fieldLabel(field), from: valueText(field, old, currency), to: valueText(field, value, currency) };
      return field === 'unitPriceCents'
        ? { ...change, cents: { from: typeof old === 'number' ? old : null, to: typeof value === 'number' ? value : null } }
        : change;
    });

/** "Name: Jon Smith → John Smith; Status: active → inactive"; money in `currency` from its cents (the CSV's words). */
export const changesText = (changes: readonly FieldChange[], currency: string | null = null): string =>
  changes
    .map((c) => (c.cents ? { ...c, from: c.cents.from === null ? c.from : centsText(c.cents.from, currency), to: c.cents.to === null ? c.to : centsText(c.cents.to, currency) } : c))
    .map((c) => `${c.label}: ${c.from} → ${c.to}`)
    .join('; ');
