// Step 3: the sync toggle, the pre-flight pop-ups, Save & Sync, and the initial sync's progress (polled, so it
// survives a reload: the job lives on the server).
import { api, apiUrl } from './api-client.js';
import { ask, busy, byId, el, setText, show } from './dom.js';
import { alertError, notify } from './notices.js';
import { creditRow, duplicateRow, enableSteps, hasWarnings, outboxLine, progressView } from './page-state.js';
import { confirmationFromSummary, reviewComplete, reviewRow } from './preview-state.js';
import { accountsSaved, showAccountsRequired } from './accounts-step.js';

const POLL_MS = 1000;
const STARTED = 'The sync is on. The initial sync has started.';
let pollTimer = null;
let onProgressChange = () => undefined;
let onWrongCompany = () => undefined;

let paused = false;
/** The connection is lost: the sync cannot send, so the toggle says paused until the admin reconnects. */
export const setPaused = (value) => {
  paused = Boolean(value);
};

const renderToggle = (enabled) => {
  const toggle = byId('sync-toggle');
  toggle.setAttribute('aria-checked', String(enabled));
  setText(byId('sync-toggle-text'), enabled ? (paused ? 'Sync is paused' : 'Sync is on') : 'Sync is off');
  setText(byId('sync-hint'), enabled
    ? (paused
      ? 'Paused until you reconnect QuickBooks: changes wait here and are sent, in order, once it is reconnected.'
      : 'Every change you make is sent to QuickBooks within seconds.')
    : 'Before anything is sent you will see the warnings and a summary to confirm.');
};

export const renderStatus = (status) => {
  renderToggle(Boolean(status?.enabled));
  const progress = progressView(status);
  show(byId('sync-progress'), progress.visible);
  const bar = byId('sync-progress-bar');
  bar.max = progress.max;
  bar.value = progress.value;
  setText(byId('sync-progress-label'), progress.label);
  setText(byId('outbox-line'), outboxLine(status));
  return progress;
};

/** Polls GET /sync/status while the initial sync runs; stops by itself when it is over. */
export const watchStatus = async () => {
  clearTimeout(pollTimer);
  let progress;
  try {
    progress = renderStatus(await api('GET', 'sync/status'));
  } catch (error) {
    alertError(error);
    return;
  }
  if (progress.running) pollTimer = setTimeout(watchStatus, POLL_MS);
  else {
    // "The initial sync has started" is not true any more once it is over: the progress line says how it ended.
    if (byId('flash').textContent === STARTED) notify('');
    onProgressChange();
  }
};

const fillList = (id, rows) => byId(id).replaceChildren(...rows.map((row) => el('li', {}, row)));

/** Every review item needs a tick (accepted) before Continue; the fix for each is said beside it. */
const askReview = (review) => {
  const accepted = new Set();
  const status = byId('review-status');
  const update = () => setText(status, reviewComplete(review, accepted) ? 'Everything is accepted.' : `${review.length - accepted.size} of ${review.length} still to fix or accept.`);
  byId('review-list').replaceChildren(...review.map(reviewRow).map((row, index) => {
    const box = el('input', { type: 'checkbox', id: `review-${index}` });
    box.addEventListener('change', () => {
      if (box.checked) accepted.add(row.key);
      else accepted.delete(row.key);
      update();
    });
    return el('li', {}, el('strong', {}, `${row.title}: `), row.explanation, el('span', { className: 'fix' }, `To fix: ${row.fix}`),
      el('span', {}, box, el('label', { for: box.id }, ' Accept this')));
  }));
  update();
  const dialog = byId('dialog-review');
  const next = byId('review-continue');
  const onContinue = () => {
    if (reviewComplete(review, accepted)) dialog.close('continue');
    else {
      setText(status, `Tick "Accept this" for each item, or Cancel and fix them first (${review.length - accepted.size} left).`);
      dialog.querySelector('input[type="checkbox"]:not(:checked)')?.focus();
    }
  };
  next.addEventListener('click', onContinue);
  return ask(dialog).finally(() => next.removeEventListener('click', onContinue));
};

/** The pop-ups in order; false as soon as the admin cancels one. */
const walkWarnings = async (preflight) => {
  const review = Array.isArray(preflight?.review) ? preflight.review : [];
  if (review.length > 0 && (await askReview(review)) !== 'continue') return false;
  for (const step of enableSteps(preflight)) {
    if (step === 'duplicates') {
      fillList('duplicates-list', preflight.duplicates.map(duplicateRow).map((d) => [el('strong', {}, d.names), ` — ${d.explanation}`]));
      byId('duplicates-csv').href = apiUrl('preflight/duplicates.csv');
    } else if (step === 'credits') {
      fillList('credits-list', preflight.credits.map((credit) => creditRow(credit, preflight.currency)).map((c) => `${c.name}: ${c.amount}`));
    } else {
      // The sales tax warning (taxed invoices QuickBooks would refuse) is read right above the button that starts the sync.
      // Set apart from the counts by its heading word: it is the one line that asks something of the admin.
      const taxWarning = typeof preflight?.salesTax?.warning === 'string' ? [[el('strong', {}, 'Sales tax: '), preflight.salesTax.warning]] : [];
      fillList('confirm-list', [...taxWarning, ...confirmationFromSummary(preflight.summary)]);
    }
    if ((await ask(byId(`dialog-${step}`))) !== 'continue') return false;
  }
  return true;
};

const turnOn = async () => {
  notify('');
  // The accounts come first, said where they are chosen, before any warning.
  if (!accountsSaved()) {
    showAccountsRequired();
    return;
  }
  const preflight = await api('GET', 'preflight');
  if (!(await walkWarnings(preflight))) {
    notify('The sync is still off.');
    return;
  }
  try {
    await api('POST', 'sync/enable', hasWarnings(preflight) ? { acknowledgeWarnings: true } : {});
  } catch (error) {
    // Linked to another company: the connection card shows the way out (reconnect to it, or reset the links).
    if (error?.code === 'different_company') onWrongCompany();
    throw error;
  }
  notify(STARTED);
  await watchStatus();
};

const turnOff = async () => {
  await api('POST', 'sync/disable');
  notify('The sync is off. Changes you make now wait until you turn it on again.');
  await watchStatus();
};

export const wireSync = (guard, matchReports, afterProgress, wrongCompany) => {
  onProgressChange = afterProgress;
  onWrongCompany = wrongCompany;
  const toggle = byId('sync-toggle');
  for (const dialog of document.querySelectorAll('dialog')) {
    dialog.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('[data-close]') : null;
      if (button) dialog.close(button.dataset.close);
    });
  }
  toggle.addEventListener('click', guard(() => busy(toggle, () => (toggle.getAttribute('aria-checked') === 'true' ? turnOff() : turnOn()))));
};
