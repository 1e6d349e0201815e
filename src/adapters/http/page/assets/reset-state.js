// When the connection card offers "Reset links…" and what its banner says. Pure functions, unit-tested in jest.

/**
 * `connection` is GET /connection, `status` GET /sync/status (null when not read), `wrongCompany` whether QuickBooks
 * just refused a company other than the one the records are linked to. A reset applies after such a refusal, and
 * otherwise only while disconnected with records linked to a company (the sync was set up: `enabledAt` is set).
 */
export const resetLinksView = (connection, status, wrongCompany) => {
  const disconnected = (connection?.status ?? 'disconnected') === 'disconnected';
  const linked = Number.isFinite(status?.enabledAt);
  const refused = Boolean(wrongCompany);
  return {
    banner: refused ? wrongCompanyBanner(disconnected) : null,
    reconnectLabel: disconnected ? 'Connect to the original company' : 'Reconnect to the original company',
    // The banner carries its own reset button; the plain one is for a deliberate fresh start.
    showReset: !refused && disconnected && linked,
    // The API resets only while no company is connected, so a connected tenant disconnects first.
    disconnectFirst: !disconnected,
  };
};

const wrongCompanyBanner = (disconnected) =>
  disconnected
    ? 'QuickBooks was not connected: your records are linked to a different QuickBooks company than the one you picked. Connect again and pick the original company, or reset the links to start over with the new one.'
    : 'Your records are linked to a different QuickBooks company than the one connected now. Reconnect to the original company, or reset the links to start over with this one.';

/** Whether the page was opened from the wrong-company refusal (the callback page's "Back" link carries the marker). */
export const cameFromWrongCompany = (search) => new URLSearchParams(search).get('wrong_company') === '1';

/** The notice once the links are reset, counting what was forgotten. */
export const resetNotice = (result) => {
  const n = Math.max(0, Math.trunc(Number(result?.removedLinks) || 0));
  const links = `${n} ${n === 1 ? 'link' : 'links'}`;
  return `The links are reset: ${links} forgotten, nothing deleted. Connect to QuickBooks, choose the accounts and turn the sync on again.`;
};
