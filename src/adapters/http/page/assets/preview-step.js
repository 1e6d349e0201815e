// The preview of the first sync: GET /preview as a table, GET /preview.csv to download.
import { api, apiUrl } from './api-client.js';
import { busy, byId, el, setText, show } from './dom.js';
import { previewRow, summaryLines } from './preview-state.js';

const HEADINGS = ['Record', 'Name here', 'What the first sync does', 'Changes (old → new)', 'Notes'];

export const loadPreview = async () => {
  const preview = await api('GET', 'preview');
  setText(byId('preview-summary'), summaryLines(preview?.counts).join(' '));
  const rows = (preview?.rows ?? []).map((row) => previewRow(row, preview?.currency));
  byId('preview-body').replaceChildren(
    el('table', { className: 'stacking preview-table' },
      el('caption', { className: 'visually-hidden' }, 'What the first sync does to each record'),
      el('thead', {}, el('tr', {}, HEADINGS.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((r) => el('tr', {}, [r.kind, r.name, r.action, r.changes, r.notes].map((cell, i) => el('td', { 'data-label': HEADINGS[i], className: i === 3 ? 'changes' : '' }, cell)))))));
  show(byId('preview-body'), true);
};

export const wirePreview = (guard) => {
  byId('preview-csv').href = apiUrl('preview.csv');
  const button = byId('preview-load');
  button.addEventListener('click', guard(() => busy(button, loadPreview)));
};
