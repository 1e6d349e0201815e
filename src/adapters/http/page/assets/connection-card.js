// The connection card: connect (redirect to Intuit and back), the connected company, disconnect, reconnect banner.
import { api } from './api-client.js';
import { ask, busy, byId, setText, show } from './dom.js';
import { notify } from './notices.js';
import { connectionView } from './page-state.js';

export const renderConnection = (connection) => {
  const view = connectionView(connection);
  setText(byId('connection-summary'), view.summary);
  setText(byId('connection-realm'), view.realm ? `Realm ID ${view.realm}` : '');
  show(byId('connection-realm'), Boolean(view.realm));
  show(byId('connect'), view.showConnect);
  show(byId('disconnect'), view.showDisconnect);
  show(byId('connection-banner'), view.banner !== null);
  setText(byId('connection-banner-text'), view.banner ?? '');
  byId('connection-banner').setAttribute('role', view.banner !== null ? 'alert' : 'none');
  return view;
};

/** Asks the plugin for Intuit's URL and goes there; Intuit sends the admin back to the page. */
const startAuthorization = async () => {
  const { url } = await api('POST', 'connection/authorize');
  window.location.assign(url);
};

export const wireConnection = (onChange, guard) => {
  const connect = byId('connect');
  const reconnect = byId('reconnect');
  connect.addEventListener('click', guard(() => busy(connect, startAuthorization)));
  reconnect.addEventListener('click', guard(() => busy(reconnect, startAuthorization)));
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
};
