// The Activity tab: newest first, filters (record, outcome, name or number, days), pages by cursor, CSV export with
// the same filters, Retry and Dismiss on each failure, "Retry all failed". Times in the page's zone, named once.
import { api, apiUrl } from './api-client.js';
import { busy, byId, el, setText, show } from './dom.js';
import { notify } from './notices.js';
import { activityQuery, activityRow, canGoNewer, canGoOlder, exportQuery, initialActivity, newerPage, olderPage, pagerFocusAfter, rangeProblem, withFilters, withPageLoaded, zoneWords } from './activity-state.js';

let state = initialActivity();

const retryButton = (row, guard) => {
  const button = el('button', { type: 'button', className: 'small' }, 'Retry');
  button.setAttribute('aria-label', `Retry: ${row.what} ${row.record}`);
  button.addEventListener('click', guard(() => busy(button, async () => {
    await api('POST', `activity/${encodeURIComponent(row.id)}/retry`);
    notify(`${row.record}: sent again. The result shows here in a moment.`);
    await loadActivity(guard);
  })));
  return button;
};

const dismissButton = (row, guard) => {
  const button = el('button', { type: 'button', className: 'small' }, 'Dismiss');
  button.setAttribute('aria-label', `Dismiss as handled elsewhere: ${row.what} ${row.record}`);
  button.addEventListener('click', guard(() => busy(button, async () => {
    await api('POST', `activity/${encodeURIComponent(row.id)}/dismiss`);
    notify(`${row.record}: dismissed as handled elsewhere. It stays in the log and no longer counts as failed.`);
    await loadActivity(guard);
  })));
  return button;
};

const actionsOf = (row, guard) => {
  const buttons = [row.canRetry ? retryButton(row, guard) : null, row.canDismiss ? dismissButton(row, guard) : null].filter(Boolean);
  return buttons.length === 0 ? '' : el('div', { className: 'row-actions' }, ...buttons);
};

/** Where QuickBooks' web app (or the emulator) opens a record: from the plugin's options, in the page's head. */
const qboAppUrl = () => document.querySelector('meta[name="qbo-app-url"]')?.getAttribute('content') ?? '';

const recordCell = (row) => {
  if (!row.qboUrl) return row.record;
  const link = el('a', { href: row.qboUrl, target: '_blank', rel: 'noopener' }, 'Open in QuickBooks');
  link.setAttribute('aria-label', `Open in QuickBooks: ${row.record}, ${row.message}`.slice(0, 200));
  return el('div', {}, row.record, el('br'), link);
};

const renderRows = (items, guard) => {
  const appUrl = qboAppUrl();
  const rows = items.map((entry) => activityRow(entry, undefined, appUrl)).map((row) =>
    el('tr', { className: row.failed ? 'failed' : row.dismissed ? 'dismissed' : '' },
      el('td', { className: 'nowrap', 'data-label': 'When' }, el('time', { dateTime: row.iso }, row.when)),
      el('td', { className: 'nowrap', 'data-label': 'What' }, row.what),
      el('td', { 'data-label': 'Record' }, recordCell(row)),
      el('td', { className: 'nowrap', 'data-label': 'Outcome' }, el('span', { className: `badge ${row.failed ? 'bad' : ''}` }, row.outcome)),
      // One child: on narrow screens each cell is a grid of label and value, and the note belongs to the value.
      el('td', { className: 'message', 'data-label': 'Details' }, el('div', {}, row.message, row.dismissed ? el('span', { className: 'dismissed-note' }, row.dismissed) : '')),
      el('td', { className: row.canRetry || row.canDismiss ? '' : 'empty' }, actionsOf(row, guard))));
  byId('activity-rows').replaceChildren(...rows);
  show(byId('activity-empty'), rows.length === 0);
};

const renderPager = () => {
  byId('activity-newer').disabled = !canGoNewer(state);
  byId('activity-older').disabled = !canGoOlder(state);
  setText(byId('activity-page'), `Page ${state.page + 1}`);
  const query = exportQuery(state);
  byId('activity-csv').href = apiUrl(`activity.csv${query ? `?${query}` : ''}`);
};

export const loadActivity = async (guard) => {
  const page = await api('GET', `activity?${activityQuery(state)}`);
  state = withPageLoaded(state, page?.nextCursor);
  renderRows(page?.items ?? [], guard);
  renderPager();
};

export const wireActivity = (guard) => {
  renderPager();
  setText(byId('activity-zone'), `Times are in ${zoneWords(Date.now())}.`);
  byId('activity-filters').addEventListener('submit', guard(async (event) => {
    event.preventDefault();
    const from = byId('activity-from').value;
    const to = byId('activity-to').value;
    const problem = rangeProblem(from, to);
    setText(byId('activity-range-problem'), problem);
    show(byId('activity-range-problem'), problem !== '');
    if (problem) {
      byId('activity-to').focus();
      return;
    }
    state = withFilters(state, byId('activity-kind').value, byId('activity-outcome').value, { search: byId('activity-search').value, from, to });
    await loadActivity(guard);
  }));
  const retryAll = byId('activity-retry-all');
  retryAll.addEventListener('click', guard(() => busy(retryAll, async () => {
    const { retried } = await api('POST', 'activity/retry-failed');
    notify(retried === 0
      ? 'Nothing to retry: no failed change is waiting.'
      : `${retried} failed ${retried === 1 ? 'change was' : 'changes were'} sent again. The results show here in a moment.`);
    await loadActivity(guard);
  })));
  const pagerButtons = { older: byId('activity-older'), newer: byId('activity-newer'), pager: byId('activity-pager') };
  const turnPage = (pressed, move) => guard(async () => {
    const hadFocus = document.activeElement === pagerButtons[pressed];
    state = move(state);
    await loadActivity(guard);
    // A button disabled on the first or last page drops the focus to the body; hand it to what still works instead.
    if (hadFocus) pagerButtons[pagerFocusAfter(state, pressed)].focus();
  });
  pagerButtons.older.addEventListener('click', turnPage('older', olderPage));
  pagerButtons.newer.addEventListener('click', turnPage('newer', newerPage));
};
