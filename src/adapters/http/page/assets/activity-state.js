// The Activity tab's state: filters and cursor-based pages. Pure functions, unit-tested in jest.

export const ACTIVITY_KINDS = ['customer', 'item', 'invoice', 'payment', 'refund'];
export const ACTIVITY_OUTCOMES = ['success', 'failure', 'skipped'];
export const PAGE_SIZE = 25;

/** A fresh view: no filter, first page. `cursors[i]` is the cursor that fetches page i (null for the first). */
export const initialActivity = () => ({ kind: '', outcome: '', search: '', from: '', to: '', cursors: [null], page: 0, nextCursor: null });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Changing a filter starts again from the newest entry; a value outside the lists means "all". `range` holds the
 * search text and the first and last day ("YYYY-MM-DD", as a date field gives them; '' for open).
 */
export const withFilters = (state, kind, outcome, range = {}) => ({
  ...state,
  kind: ACTIVITY_KINDS.includes(kind) ? kind : '',
  outcome: ACTIVITY_OUTCOMES.includes(outcome) ? outcome : '',
  search: typeof range.search === 'string' ? range.search.trim().slice(0, 100) : '',
  from: DAY.test(range.from ?? '') ? range.from : '',
  to: DAY.test(range.to ?? '') ? range.to : '',
  cursors: [null],
  page: 0,
  nextCursor: null,
});

/** Midnight starting a day in the page's time zone, as the instant the API compares ("…Z"). */
export const dayStart = (day, offsetDays = 0) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + offsetDays).toISOString();
};

/** A range whose last day is before its first is the admin's to fix; the page says so instead of asking. */
export const rangeProblem = (from, to) =>
  DAY.test(from ?? '') && DAY.test(to ?? '') && to < from ? 'The last day is before the first day: change one of them.' : '';

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
  if (state.search) params.set('search', state.search);
  // Days in the page's time zone: from its first midnight to the midnight after the last day.
  if (state.from) params.set('from', dayStart(state.from));
  if (state.to) params.set('to', dayStart(state.to, 1));
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
/** QBO's own page of each kind of record, and the parameter carrying its id; items and refunds have none to link. */
const QBO_PAGES = { customer: ['customerdetail', 'nameId'], invoice: ['invoice', 'txnId'], payment: ['recvpayment', 'txnId'], payout: ['deposit', 'txnId'] };

/** The URL that opens the record in QuickBooks (or the emulator), '' when there is none to open. */
export const qboRecordUrl = (appUrl, kind, qboId) => {
  const page = QBO_PAGES[kind];
  if (!page || typeof qboId !== 'string' || qboId === '' || typeof appUrl !== 'string' || !/^https?:\/\//.test(appUrl)) return '';
  return `${appUrl.replace(/\/+$/, '')}/app/${page[0]}?${page[1]}=${encodeURIComponent(qboId)}`;
};

const OUTCOME_WORDS = { success: 'Done', failure: 'Failed', skipped: 'Skipped' };

/**
 * One table row of the log, in words, times in `timeZone` (the page's, by default); `canRetry` only for a failed
 * delivery that has an outbox entry to retry and was not dismissed; `canDismiss` for any failure not yet dismissed.
 */
export const activityRow = (entry, timeZone = undefined, appUrl = '') => {
  const dismissed = Number.isFinite(entry?.dismissedAt);
  const kind = KIND_WORDS[entry?.kind] ?? '';
  // The message names the record as the app shows it; the app's own id is internal (a UUID for some apps), so not shown.
  const record = [kind, entry?.qboId ? `(QuickBooks ${entry.qboId})` : ''].filter(Boolean).join(' ');
  return {
    id: String(entry?.id ?? ''),
    when: formatWhen(entry?.at, timeZone),
    iso: Number.isFinite(entry?.at) ? new Date(entry.at).toISOString() : '',
    what: ACTION_WORDS[entry?.action] ?? String(entry?.action ?? ''),
    record: record || '—',
    outcome: dismissed ? 'Failed, dismissed' : OUTCOME_WORDS[entry?.outcome] ?? String(entry?.outcome ?? ''),
    failed: entry?.outcome === 'failure' && !dismissed,
    dismissed: dismissed ? `Dismissed ${formatWhen(entry.dismissedAt, timeZone)} as handled elsewhere.` : '',
    message: String(entry?.message ?? ''),
    canRetry: entry?.outcome === 'failure' && !dismissed && Boolean(entry?.outboxId),
    canDismiss: entry?.outcome === 'failure' && !dismissed,
    qboUrl: qboRecordUrl(appUrl, entry?.kind, entry?.qboId),
  };
};

/**
 * US date and time with the zone named, e.g. "Dec 5, 2026, 1:49 PM PST": every time on the page in one zone (the
 * page's, unless `timeZone` says which), so no row mixes local and UTC times.
 */
export const formatWhen = (at, timeZone = undefined) => {
  if (!Number.isFinite(at)) return '';
  return new Intl.DateTimeFormat('en-US', {
    month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', ...(timeZone ? { timeZone } : {}),
  }).format(new Date(at));
};

/** The zone the times are in, named in full: "Pacific Standard Time (America/Los_Angeles)". */
export const zoneWords = (at, timeZone = undefined) => {
  const options = { timeZoneName: 'long', ...(timeZone ? { timeZone } : {}) };
  const long = new Intl.DateTimeFormat('en-US', options).formatToParts(new Date(at)).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const id = timeZone ?? new Intl.DateTimeFormat('en-US').resolvedOptions().timeZone;
  return long && id && long !== id ? `${long} (${id})` : long || id;
};
