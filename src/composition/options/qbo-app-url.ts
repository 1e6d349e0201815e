/**
 * Where the activity log's "Open in QuickBooks" links point: QuickBooks' web app for the environment (its record
 * pages are app/invoice?txnId=…, app/customerdetail?nameId=…), or the emulator, which serves the same paths, when the
 * API is an emulator's. `qbo.appUrl` overrides both (a proxy in front of Intuit's API, say).
 */
export const qboAppUrl = (qbo: { readonly environment: 'sandbox' | 'production'; readonly apiBaseUrl?: string | undefined; readonly appUrl?: string | undefined }): string => {
  const trimmed = (url: string): string => url.replace(/\/+$/, '');
  if (qbo.appUrl) return trimmed(qbo.appUrl);
  if (qbo.apiBaseUrl && !/(^|\.)intuit\.com$/i.test(new URL(qbo.apiBaseUrl).hostname)) return trimmed(qbo.apiBaseUrl);
  return qbo.environment === 'sandbox' ? 'https://app.sandbox.qbo.intuit.com' : 'https://app.qbo.intuit.com';
};
