import { Router } from 'express';
import type { Body, EmulatedEntity } from '../emulated-entity';
import type { EmulatorState } from '../emulator-state';
import { centsToDecimal, MONEY_FIELDS } from '../money';

// The emulator's stand-in for QBO's own record pages (https://app.qbo.intuit.com/app/invoice?txnId=…): the page a
// link from the plugin's activity log opens. The same paths and parameters as QBO, so the plugin builds one URL for both.

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => entities[c] ?? c);

/** QBO's page names, and the parameter that carries the id on each. */
const pages: Record<string, { readonly entity: EmulatedEntity; readonly param: 'txnId' | 'nameId'; readonly title: string }> = {
  customerdetail: { entity: 'Customer', param: 'nameId', title: 'Customer' },
  invoice: { entity: 'Invoice', param: 'txnId', title: 'Invoice' },
  recvpayment: { entity: 'Payment', param: 'txnId', title: 'Payment' },
  refundreceipt: { entity: 'RefundReceipt', param: 'txnId', title: 'Refund receipt' },
  expense: { entity: 'Purchase', param: 'txnId', title: 'Expense' },
  deposit: { entity: 'Deposit', param: 'txnId', title: 'Deposit' },
};

const scalar = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const body = value as Body;
  // References read as QBO shows them: the name, else the id.
  if ('value' in body) return String(body.name ?? body.value);
  return JSON.stringify(value);
};

/** QBO's own words for the fields whose API names a bookkeeper would not know. */
const labels: Record<string, string> = { PrivateNote: 'Memo', CustomerMemo: 'Message to the customer' };

/** Money is kept in cents inside the emulator: shown as QBO shows it, a decimal with two places ("45.00"). */
const valueOf = (field: string, value: unknown): string =>
  MONEY_FIELDS.has(field) && typeof value === 'number' ? centsToDecimal(value).toFixed(2) : scalar(value);

const shown = ['DisplayName', 'GivenName', 'FamilyName', 'CompanyName', 'Active', 'DocNumber', 'TxnDate', 'DueDate', 'CustomerRef', 'TotalAmt', 'Balance', 'UnappliedAmt', 'DepositToAccountRef', 'PrivateNote', 'CustomerMemo'];

/** GET /app/:page?txnId=… | ?nameId=…: the record in every company of the emulator that holds that id. */
export const recordPageRouter = (state: EmulatorState): Router => {
  const router = Router();
  router.get('/app/:page', (req, res) => {
    const page = pages[String(req.params.page)];
    if (!page) {
      res.status(404).type('text/plain').send(`The emulator has no page "${String(req.params.page).slice(0, 40)}".`);
      return;
    }
    const id = String(req.query[page.param] ?? '');
    const found = [...state.realms.entries()].flatMap(([realmId, store]) => {
      const record = store.get(page.entity, id);
      return record && !record.deleted ? [{ realmId, record }] : [];
    });
    const sections = found.map(({ realmId, record }) => {
      const rows = shown.filter((field) => record.body[field] !== undefined).map((field) => `<tr><th scope="row">${escapeHtml(labels[field] ?? field)}</th><td>${escapeHtml(valueOf(field, record.body[field]))}</td></tr>`).join('');
      return `<section><h2>${escapeHtml(page.title)} ${escapeHtml(id)} <small>(company ${escapeHtml(realmId)})</small></h2><table>${rows}</table></section>`;
    });
    res.status(found.length === 0 ? 404 : 200).type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(page.title)} ${escapeHtml(id)} · QBO emulator</title></head><body><main><h1>${escapeHtml(page.title)} ${escapeHtml(id)}</h1>${sections.join('') || `<p>No ${escapeHtml(page.title.toLowerCase())} ${escapeHtml(id)} in this emulator.</p>`}</main></body></html>`);
  });
  return router;
};
