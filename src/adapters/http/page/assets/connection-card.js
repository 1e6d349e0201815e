// The connection card: connect (redirect to Intuit and back), the connected company, disconnect, reconnect banner,
// and the way out of a wrong-company refusal (reconnect to the original company, or reset the links).
import { api } from './api-client.js';
import { ask, busy, byId, setText, show } from './dom.js';
import { notify } from './notices.js';
import { connectionView } from './page-state.js';
import { renderReset, wireResetLinks } from './reset-links.js';
import { resetLinksView } from './reset-state.js';

let wrongCompany = false;
let last = null;

/** `status` is GET /sync/status when it was read (while disconnected it says whether records are linked), else null. */
export const renderConnection = (connection, status) => {
  last = { connection, status };
  const view = connectionView(connection);
  setText(byId('connection-summary'), view.summary);
  setText(byId('connection-realm'), view.realm ? `Realm ID ${view.realm}` : '');
  show(byId('connection-realm'), Boolean(view.realm));
  show(byId('connect'), view.showConnect);
  show(byId('disconnect'), view.showDisconnect);
  show(byId('connection-banner'), view.banner !== null);
  setText(byId('connection-banner-text'), view.banner ?? '');
  byId('connection-banner').setAttribute('role', view.banner !== null ? 'alert' : 'none');
  renderReset(resetLinksView(connection, status, wrongCompany));
  return view;
};

/** QuickBooks refused a company other than the linked one (the callback's marker, or Save & Sync said so). */
export const setWrongCompany = (refused) => {
  wrongCompany = refused;
  if (last) renderConnection(last.connection, last.status);
};

/** Asks the plugin for Intuit's URL and goes there; Intuit sends the admin back to the page. */
const startAuthorization = async () => {
  const { url } = await api('POST', 'connection/authorize');
  window.location.assign(url);
};

export const wireConnection = (onChange, guard) => {
  for (const id of ['connect', 'reconnect', 'wrong-company-reconnect']) {
    const button = byId(id);
    button.addEventListener('click', guard(() => busy(button, startAuthorization)));
  }
  const disconnect = byId('disconnect');
  disconnect.addEventListener(
    'click',
    guard(async () => {
      if ((await ask(byId('dialog-disconnect'))) !== 'continue') return;
      await busy(disconnect, () => api('DELETE', 'connection'));
      notify('QuickBooks is disconnected.');
      await onChange();
    }),
  );
  wireResetLinks(async () => {
    wrongCompany = false;
    await onChange();
    // The reset button is gone now; Connect is the next step.
    byId('connect').focus();
  }, guard);
};
