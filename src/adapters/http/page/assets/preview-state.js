// The preview of the first sync and the review before Save & Sync, in words. Pure functions, unit-tested in jest.
import { formatCents } from './page-state.js';

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** One change, money formatted in the company's currency ("Price: $12.50 → $13.99"). */
export const changeText = (change, currency = 'USD') => {
  const cents = change?.cents;
  const from = cents && Number.isFinite(cents.from) ? formatCents(cents.from, currency) : String(change?.from ?? '');
  const to = cents && Number.isFinite(cents.to) ? formatCents(cents.to, currency) : String(change?.to ?? '');
  return `${change?.label ?? change?.field ?? ''}: ${from} → ${to}`;
};

/** What the first sync does to one record, as the preview table shows it. */
export const previewRow = (row, currency = 'USD') => {
  const kind = row?.kind === 'item' ? 'Product or service' : 'Customer';
  const changes = Array.isArray(row?.changes) ? row.changes.map((change) => changeText(change, currency)) : [];
  let action;
  if (row?.action === 'link') action = changes.length > 0 ? `Link to QuickBooks record ${row.qboId} (“${row.qboName ?? ''}”) and update it` : `Link to QuickBooks record ${row.qboId} (“${row.qboName ?? ''}”)`;
  else if (row?.action === 'create') action = row.makesInactive ? `Create as “${row.qboName}” (inactive)` : `Create as “${row.qboName}”`;
  else if (row?.action === 'not-sent') action = `Not sent: ${row.reason ?? ''}`;
  else action = 'Already linked: nothing to do';
  return { kind, name: String(row?.name ?? ''), action, changes: changes.join('; ') || '—', notes: (row?.nameChanges ?? []).join('; ') };
};

/** The counts line: the same numbers the job reports when it is done. */
export const summaryLines = (counts) => {
  const line = (c, one, many) => {
    if (!c) return '';
    const parts = [`${c.link} will be linked to QuickBooks records${c.update > 0 ? ` (${c.update} updated)` : ''}`, `${c.create} will be created in QuickBooks`];
    if (c.makeInactive > 0) parts.push(`${c.makeInactive} made inactive`);
    if (c.makeActive > 0) parts.push(`${c.makeActive} made active again`);
    if (c.notSent > 0) parts.push(`${c.notSent} not sent`);
    if (c.linkedBefore > 0) parts.push(`${c.linkedBefore} already linked`);
    return `${plural(c.total, one, many)}: ${parts.join(', ')}.`;
  };
  return [line(counts?.customer, 'customer', 'customers'), line(counts?.item, 'product or service', 'products and services')].filter(Boolean);
};

const REASON_WORDS = { 'near-match': 'Will be two records', 'status-overwritten': 'Active flag overwritten', 'name-changed': 'Name changed in QuickBooks', 'not-sent': 'Not sent' };
export const reviewRow = (item) => ({ key: String(item?.key ?? ''), title: REASON_WORDS[item?.reason] ?? 'Check', explanation: String(item?.explanation ?? ''), fix: String(item?.fix ?? '') });

/** Continue is allowed once every review item is accepted (or there are none). */
export const reviewComplete = (items, accepted) => items.every((item) => accepted.has(String(item?.key ?? '')));

/** The confirmation's lines from the pre-flight's summary: the job's own counts. */
export const confirmationFromSummary = (summary) => [
  ...summaryLines(summary),
  'From then on every change you make is sent to QuickBooks within seconds. Nothing is ever read back from QuickBooks.',
];
