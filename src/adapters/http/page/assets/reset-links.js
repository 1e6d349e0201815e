// "Reset links…": the wrong-company banner, the dialog that says plainly what resetting does, then
// POST /connection/reset-links (after disconnecting, when a company is connected: the API resets only without one).
import { api } from './api-client.js';
import { ask, busy, byId, setText, show } from './dom.js';
import { notify } from './notices.js';
import { resetNotice } from './reset-state.js';

let current = { disconnectFirst: false };

export const renderReset = (view) => {
  current = view;
  const banner = byId('wrong-company');
  show(banner, view.banner !== null);
  banner.setAttribute('role', view.banner !== null ? 'alert' : 'none');
  setText(byId('wrong-company-text'), view.banner ?? '');
  setText(byId('wrong-company-reconnect'), view.reconnectLabel);
  show(byId('reset-links'), view.showReset);
};

/** `onReset` runs once the links are gone (the caller refreshes the page and places the focus). */
export const wireResetLinks = (onReset, guard) => {
  for (const button of [byId('reset-links'), byId('wrong-company-reset')]) {
    button.addEventListener('click', guard(async () => {
      show(byId('reset-disconnect-first'), current.disconnectFirst);
      if ((await ask(byId('dialog-reset'))) !== 'continue') return;
      await busy(button, async () => {
        if (current.disconnectFirst) await api('DELETE', 'connection');
        notify(resetNotice(await api('POST', 'connection/reset-links', { confirm: true })));
        await onReset();
      });
    }));
  }
};
