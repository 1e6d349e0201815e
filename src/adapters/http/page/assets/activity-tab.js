// The Activity tab: newest first, filters, pages by cursor, CSV export, Retry on failed deliveries.
import { api, apiUrl } from './api-client.js';
import { busy, byId, el, setText, show } from './dom.js';
import { notify } from './notices.js';
import { activityQuery, activityRow, canGoNewer, canGoOlder, exportQuery, initialActivity, newerPage, olderPage, pagerFocusAfter, withFilters, withPageLoaded } from './activity-state.js';

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

const renderRows = (items, guard) => {
  const rows = items.map(activityRow).map((row) =>
    el('tr', { className: row.failed ? 'failed' : '' },
      el('td', { className: 'nowrap', 'data-label': 'When' }, el('time', { dateTime: row.iso }, row.when)),
      el('td', { className: 'nowrap', 'data-label': 'What' }, row.what),
      el('td', { 'data-label': 'Record' }, row.record),
      el('td', { className: 'nowrap', 'data-label': 'Outcome' }, el('span', { className: `badge ${row.failed ? 'bad' : ''}` }, row.outcome)),
      el('td', { className: 'message', 'data-label': 'Details' }, row.message),
      el('td', { className: row.canRetry ? '' : 'empty' }, row.canRetry ? retryButton(row, guard) : '')));
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
  byId('activity-filters').addEventListener('submit', guard(async (event) => {
    event.preventDefault();
    state = withFilters(state, byId('activity-kind').value, byId('activity-outcome').value);
    await loadActivity(guard);
  }));
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
