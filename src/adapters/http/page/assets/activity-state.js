// The Activity tab's state: filters and cursor-based pages. Pure functions, unit-tested in jest.

export const ACTIVITY_KINDS = ['customer', 'item', 'invoice', 'payment', 'refund'];
export const ACTIVITY_OUTCOMES = ['success', 'failure', 'skipped'];
export const PAGE_SIZE = 25;

/** A fresh view: no filter, first page. `cursors[i]` is the cursor that fetches page i (null for the first). */
export const initialActivity = () => ({ kind: '', outcome: '', cursors: [null], page: 0, nextCursor: null });

/** Changing a filter starts again from the newest entry; a value outside the lists means "all". */
export const withFilters = (state, kind, outcome) => ({
  ...state,
  kind: ACTIVITY_KINDS.includes(kind) ? kind : '',
  outcome: ACTIVITY_OUTCOMES.includes(outcome) ? outcome : '',
  cursors: [null],
  page: 0,
  nextCursor: null,
});

/** After a page arrived: remember where the next one starts. */
export const withPageLoaded = (state, nextCursor) => ({ ...state, nextCursor: typeof nextCursor === 'string' && nextCursor !== '' ? nextCursor : null });

export const canGoOlder = (state) => state.nextCursor !== null;
export const canGoNewer = (state) => state.page > 0;

export const olderPage = (state) => {
  if (!canGoOlder(state)) return state;
  const cursors = [...state.cursors.slice(0, state.page + 1), state.nextCursor];
  return { ...state, cursors, page: state.page + 1, nextCursor: null };
};

export const newerPage = (state) => (canGoNewer(state) ? { ...state, page: state.page - 1, nextCursor: null } : state);

/**
 * Where the keyboard focus goes once a pager button's page arrived: it stays while the button still works, else it
 * moves to the other button, else to the pager itself ('pager'), so it never drops to the top of the page.
 */
export const pagerFocusAfter = (state, pressed) => {
  const works = { older: canGoOlder(state), newer: canGoNewer(state) };
  if (works[pressed]) return pressed;
  const other = pressed === 'older' ? 'newer' : 'older';
  return works[other] ? other : 'pager';
};

const filterParams = (state) => {
  const params = new URLSearchParams();
  if (state.kind) params.set('kind', state.kind);
  if (state.outcome) params.set('outcome', state.outcome);
  return params;
};

/** The query string of GET /activity for the current page. */
export const activityQuery = (state) => {
  const params = filterParams(state);
  params.set('limit', String(PAGE_SIZE));
  const cursor = state.cursors[state.page];
  if (cursor) params.set('cursor', cursor);
  return params.toString();
};

/** The query string of GET /activity.csv: the same filters, every page. */
export const exportQuery = (state) => filterParams(state).toString();

const KIND_WORDS = { customer: 'Customer', item: 'Product or service', invoice: 'Invoice', payment: 'Payment', refund: 'Refund' };
const ACTION_WORDS = {
  create: 'Created', update: 'Updated', delete: 'Deleted', void: 'Voided', link: 'Linked', import: 'Imported', skip: 'Skipped',
  retry: 'Retried', connect: 'Connected', disconnect: 'Disconnected', enable: 'Sync turned on', disable: 'Sync turned off',
};
const OUTCOME_WORDS = { success: 'Done', failure: 'Failed', skipped: 'Skipped' };

/** One table row of the log, in words; `canRetry` only for a failed delivery that has an outbox entry to retry. */
export const activityRow = (entry) => {
  const kind = KIND_WORDS[entry?.kind] ?? '';
  // The message names the record as the app shows it; the app's own id is internal (a UUID for some apps), so not shown.
  const record = [kind, entry?.qboId ? `(QuickBooks ${entry.qboId})` : ''].filter(Boolean).join(' ');
  return {
    id: String(entry?.id ?? ''),
    when: formatWhen(entry?.at),
    iso: Number.isFinite(entry?.at) ? new Date(entry.at).toISOString() : '',
    what: ACTION_WORDS[entry?.action] ?? String(entry?.action ?? ''),
    record: record || '—',
    outcome: OUTCOME_WORDS[entry?.outcome] ?? String(entry?.outcome ?? ''),
    failed: entry?.outcome === 'failure',
    message: String(entry?.message ?? ''),
    canRetry: entry?.outcome === 'failure' && Boolean(entry?.outboxId),
  };
};

const pad = (n) => String(n).padStart(2, '0');

/** Local date and time to the second, e.g. "2026-03-04 14:05:09": unambiguous in any locale. */
export const formatWhen = (at) => {
  if (!Number.isFinite(at)) return '';
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};
