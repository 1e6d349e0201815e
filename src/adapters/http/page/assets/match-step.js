// Step 1: how host records and QBO records match, per tab (customers, products and services), and the import.
import { api } from './api-client.js';
import { busy, byId, el } from './dom.js';
import { notify } from './notices.js';
import { duplicateRow, failedRow, importBody, matchCounts, matchTabLabel, nameOf, nearMatchRow, qboIdOf, statusMismatchRow, toggleSelection } from './page-state.js';
import { wireTabs } from './tabs.js';

const TITLES = { customers: 'Customers', items: 'Products and services' };
const NOUNS = { customers: ['customer', 'customers'], items: ['product or service', 'products and services'] };

const state = { entity: 'customers', reports: { customers: null, items: null }, selection: { customers: [], items: [] } };

export const matchReports = () => state.reports;

const section = (title, count, ...content) =>
  el('section', { className: 'match-section' }, el('h3', {}, `${title} (${count})`), ...(count === 0 ? [el('p', { className: 'muted' }, 'None.')] : content));

const table = (caption, headings, rows) =>
  el('div', { className: 'table-wrap' },
    el('table', { className: 'stacking' },
      el('caption', { className: 'visually-hidden' }, caption),
      el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c, i) => el('td', { 'data-label': headings[i] }, c)))))));

const nameList = (records) => el('ul', { className: 'names' }, records.map((r) => el('li', {}, nameOf(r))));

const importControls = (entity, qboOnly, onImported, guard) => {
  const [one, many] = NOUNS[entity];
  const selectedButton = el('button', { type: 'button', className: 'primary', disabled: state.selection[entity].length === 0 }, `Import selected (${state.selection[entity].length})`);
  const allButton = el('button', { type: 'button' }, `Import all ${qboOnly.length}`);
  const run = (button, all) =>
    guard(() =>
      busy(button, async () => {
        const result = await api('POST', `import/${entity}`, importBody(state.selection[entity], all));
        const imported = Number(result?.imported ?? 0);
        state.selection[entity] = [];
        notify(`Imported ${imported} ${imported === 1 ? one : many} from QuickBooks.`);
        await onImported();
      }),
    );
  selectedButton.addEventListener('click', run(selectedButton, false));
  allButton.addEventListener('click', run(allButton, true));
  const boxes = el('ul', { className: 'checks' }, qboOnly.map((record) => {
    const id = qboIdOf(record);
    const box = el('input', { type: 'checkbox', value: id, checked: state.selection[entity].includes(id), id: `import-${entity}-${id}` });
    box.addEventListener('change', () => {
      state.selection[entity] = toggleSelection(state.selection[entity], id, box.checked);
      selectedButton.disabled = state.selection[entity].length === 0;
      selectedButton.textContent = `Import selected (${state.selection[entity].length})`;
    });
    return el('li', {}, box, el('label', { for: box.id }, nameOf(record)));
  }));
  return [el('p', { className: 'muted' }, `Only in QuickBooks. Import them to have them here too (this is the only time anything is copied from QuickBooks).`), boxes, el('div', { className: 'actions' }, selectedButton, allButton)];
};

/** Records whose last delivery failed, each with why and a Retry (the same as the Activity tab's). */
const failedControls = (rows, onRetried, guard) => {
  const retry = (row) => {
    const button = el('button', { type: 'button', 'aria-label': `Retry ${row.name}` }, 'Retry');
    button.addEventListener('click', guard(() => busy(button, async () => {
      await api('POST', `activity/${encodeURIComponent(row.activityId)}/retry`);
      notify(`${row.name} is queued to be sent to QuickBooks again.`);
      await onRetried();
    })));
    return button;
  };
  return [
    el('p', { className: 'muted' }, 'QuickBooks did not take the last change of these. Fix what the reason says, then retry; the Activity tab has the whole story.'),
    table('Failed records', ['Name', 'What went wrong', 'Retry'], rows.map((row) => [row.name, row.reason, row.canRetry ? retry(row) : el('span', { className: 'muted' }, 'Sent again by itself')])),
  ];
};

const renderBody = (onImported, guard) => {
  const body = byId('match-body');
  const report = state.reports[state.entity];
  if (!report) {
    body.replaceChildren(el('p', { className: 'muted' }, 'Loading…'));
    return;
  }
  const counts = matchCounts(report);
  const near = (report.nearMatches ?? []).map(nearMatchRow);
  const mismatches = (report.statusMismatches ?? []).map(statusMismatchRow);
  // Once records are linked (the sync ran), step 1 says what is in QuickBooks and what still waits, not what "will" happen.
  const linked = Number(report.linked) || 0;
  const failed = (report.failed ?? []).map(failedRow);
  const synced = linked > 0 || failed.length > 0;
  const summary = synced
    ? `${linked} linked to QuickBooks · ${counts.failed} failed · ${counts.hostOnly} waiting to be sent · ${counts.qboOnly} only in QuickBooks · ${counts.nearMatches} near · ${counts.statusMismatches} status · ${counts.duplicates} duplicate groups`
    : `${counts.matched} exact · ${counts.hostOnly} only here · ${counts.qboOnly} only in QuickBooks · ${counts.nearMatches} near · ${counts.statusMismatches} status · ${counts.duplicates} duplicate groups`;
  body.replaceChildren(
    el('p', { className: 'summary' }, summary),
    ...(synced ? [section('Failed', failed.length, ...failedControls(failed, onImported, guard))] : []),
    section('Near matches', near.length,
      el('p', { className: 'muted' }, 'Probably the same, but the names differ. Rename one side so they match exactly, or they will be two records in QuickBooks.'),
      table('Near matches', ['Here', 'In QuickBooks', 'Why they look alike'], near.map((r) => [r.hostName, r.qboName, r.reason]))),
    section('Active on one side only', mismatches.length,
      table('Status mismatches', ['Name', 'Here', 'In QuickBooks', 'What to do'], mismatches.map((r) => [r.name, r.host, r.qbo, r.fix]))),
    section('Only in QuickBooks', counts.qboOnly, ...importControls(state.entity, report.qboOnly ?? [], onImported, guard)),
    section('Possible duplicates here', counts.duplicates,
      el('ul', { className: 'names' }, (report.duplicates ?? []).map(duplicateRow).map((d) => el('li', {}, el('strong', {}, d.names), ` — ${d.explanation}`)))),
    synced
      ? el('details', {}, el('summary', {}, `Waiting to be sent (${counts.hostOnly}): not in QuickBooks yet`), nameList(report.hostOnly ?? []))
      : el('details', {}, el('summary', {}, `Only here (${counts.hostOnly}): will be created in QuickBooks`), nameList(report.hostOnly ?? [])),
    synced
      ? el('p', { className: 'muted' }, `${linked} linked to QuickBooks records: their changes are sent as you make them.`)
      : el('details', {}, el('summary', {}, `Exact matches (${counts.matched}): will be linked`), nameList((report.matched ?? []).map((pair) => pair.host ?? pair))),
  );
};

const renderTabs = () => {
  for (const entity of ['customers', 'items']) {
    const report = state.reports[entity];
    byId(`tab-${entity}`).textContent = report ? matchTabLabel(TITLES[entity], matchCounts(report)) : TITLES[entity];
  }
};

export const loadMatch = async (guard) => {
  const [customers, items] = await Promise.all([api('GET', 'match/customers'), api('GET', 'match/items')]);
  state.reports = { customers, items };
  const valid = (entity) => new Set((state.reports[entity]?.qboOnly ?? []).map(qboIdOf));
  for (const entity of ['customers', 'items']) state.selection[entity] = state.selection[entity].filter((id) => valid(entity).has(id));
  renderTabs();
  renderBody(() => loadMatch(guard), guard);
};

/** While the connection is lost QuickBooks cannot be read: said plainly instead of "Loading…". */
export const renderMatchUnavailable = () => {
  byId('match-body').replaceChildren(el('p', { className: 'muted' }, 'QuickBooks cannot be read until you reconnect, so the records cannot be compared now. Nothing here is lost.'));
};

export const wireMatch = (guard) => {
  wireTabs(byId('tab-customers').parentElement, (tab) => {
    state.entity = tab.dataset.entity;
    byId('panel-match').setAttribute('aria-labelledby', tab.id);
    renderBody(() => loadMatch(guard), guard);
  });
  const refresh = byId('match-refresh');
  refresh.addEventListener('click', guard(() => busy(refresh, async () => {
    await loadMatch(guard);
    notify('Matches checked again.');
  })));
};
