// The integration page's entry: loads the connection, then the steps it allows, and wires every control.
import { api } from './api-client.js';
import { byId, show } from './dom.js';
import { loadAccounts, renderAccountsUnavailable, wireAccounts } from './accounts-step.js';
import { loadActivity, wireActivity } from './activity-tab.js';
import { renderConnection, setWrongCompany, wireConnection } from './connection-card.js';
import { loadMatch, matchReports, renderMatchUnavailable, wireMatch } from './match-step.js';
import { alertError, guarded, notify, wireNotices } from './notices.js';
import { cameFromWrongCompany } from './reset-state.js';
import { setPaused, watchStatus, wireSync } from './sync-step.js';
import { wirePreview } from './preview-step.js';
import { showPanelOf, wireTabs } from './tabs.js';

const activityShown = () => !byId('panel-activity').hidden;
const pendingPollMs = 3000;

const refresh = async () => {
  const connection = await api('GET', 'connection');
  // Disconnected, the sync status only tells whether records are linked to a company (then a reset applies).
  const status = (connection?.status ?? 'disconnected') === 'disconnected' ? await api('GET', 'sync/status') : null;
  const view = renderConnection(connection, status);
  show(byId('connected-area'), view.status !== 'disconnected');
  // QuickBooks confirms a pending connection in the background: look again until it has.
  if (view.status === 'pending_verification') setTimeout(() => refresh().catch(alertError), pendingPollMs);
  if (view.status === 'disconnected') return;
  // A lost connection is a state of the whole page: paused toggle, no endless "Loading…".
  setPaused(view.status === 'needs_reconnect');
  if (view.status === 'needs_reconnect') {
    renderMatchUnavailable();
    renderAccountsUnavailable();
  }
  const loads = [watchStatus()];
  // Matching and accounts read QBO live: only worth asking while the connection works.
  if (view.connected) loads.push(loadMatch(guarded), loadAccounts());
  if (activityShown()) loads.push(loadActivity(guarded));
  const results = await Promise.allSettled(loads);
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) alertError(failure.reason);
};

/** The markers the OAuth callback leaves in the URL: said once, then removed so a reload does not repeat them. */
const welcomeBack = () => {
  const url = new URL(window.location.href);
  if (url.searchParams.get('connected') === '1') connectedAgain = true;
  if (url.searchParams.get('connecting') === '1') notify('QuickBooks is busy right now, so we finish connecting in the background. This page shows when it is done.');
  if (cameFromWrongCompany(url.search)) setWrongCompany(true);
  if (!['connected', 'connecting', 'wrong_company'].some((marker) => url.searchParams.has(marker))) return;
  url.searchParams.delete('connected');
  url.searchParams.delete('connecting');
  url.searchParams.delete('wrong_company');
  window.history.replaceState(null, '', url.toString());
};

let connectedAgain = false;

/** After the callback: what happens next depends on whether the sync was already on (a reconnect) or not. */
const sayWhatIsNext = async () => {
  if (!connectedAgain) return;
  const status = await api('GET', 'sync/status');
  notify(status?.enabled
    ? 'QuickBooks is connected again. The sync goes on: the changes that waited are being sent now, in order; the Activity tab shows each one.'
    : 'QuickBooks is connected. Match your records next.');
};

const start = async () => {
  wireNotices();
  wireConnection(refresh, guarded);
  const main = byId('tab-setup').parentElement;
  wireTabs(main, guarded(async (tab) => {
    showPanelOf(main, tab);
    if (tab.id === 'tab-activity') await loadActivity(guarded);
  }));
  wireMatch(guarded);
  wireAccounts(guarded, async () => undefined);
  wireSync(guarded, matchReports, () => {
    if (activityShown()) loadActivity(guarded).catch(alertError);
  }, () => setWrongCompany(true));
  wireActivity(guarded);
  wirePreview(guarded);
  welcomeBack();
  await refresh();
  await sayWhatIsNext();
};

start().catch(alertError);
