/** The demo host's HTML helpers: everything from the database goes through `escape`. */
export const escape = (text: unknown): string =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export const layout = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${escape(title)}</title><link rel="icon" href="data:,"><style>body{font-family:system-ui,sans-serif;max-width:64rem;margin:1.5rem auto;padding:0 1rem;line-height:1.4}` +
  `table{border-collapse:collapse;width:100%;margin-bottom:.75rem}td,th{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}` +
  `form.inline{display:inline-flex;gap:.3rem;flex-wrap:wrap;align-items:center}input,select,button{font:inherit}input[type=text],input:not([type]){width:8rem}` +
  `.add{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;background:#f4f6f9;padding:.6rem;border-radius:6px}.add label{display:grid}` +
  `.add fieldset label{display:flex;gap:.4rem;align-items:center}` +
  `nav a{margin-right:1rem}.muted{color:#666}</style></head><body>${body}</body></html>`;

/** "12.50" or "$1,200" → 1250 / 120000 cents; null for anything else. */
export const parseDollars = (text: unknown): number | null => {
  const cleaned = String(text ?? '').trim().replace(/^\$/, '').replace(/,/g, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};

export const dollars = (cents: unknown): string => `$${(Number(cents) / 100).toFixed(2)}`;

export const customerName = (row: { display_as_company?: unknown; company_name?: unknown; first_name?: unknown; last_name?: unknown }): string =>
  row.display_as_company && row.company_name ? String(row.company_name) : `${String(row.first_name ?? '')} ${String(row.last_name ?? '')}`.trim();

export const problemPage = (message: string): string => layout('Not saved', `<p role="alert">${escape(message)}</p><p><a href="/">Back to the back office</a></p>`);
