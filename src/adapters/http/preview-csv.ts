import type { GetSyncPreview } from '../../application/use-cases/setup/get-sync-preview.use-case';
import { changesText } from '../../domain/sync/field-changes';
import { csvCell } from './preflight-csv';

/** So spreadsheets read the file as UTF-8 (accents, "→"). */
export const utf8Bom = '\uFEFF';

const KIND = { customer: 'Customer', item: 'Product or service' } as const;

/** What the first sync does to one record, in the words of the page. */
export const previewActionText = (row: GetSyncPreview.Row): string => {
  switch (row.action) {
    case 'link':
      return row.changes.length > 0 ? `Link to QuickBooks record ${row.qboId ?? ''} and update it` : `Link to QuickBooks record ${row.qboId ?? ''}`;
    case 'create':
      return row.makesInactive ? 'Create in QuickBooks (inactive)' : 'Create in QuickBooks';
    case 'not-sent':
      return 'Not sent';
    case 'linked-before':
      return 'Already linked: nothing to do';
  }
};

export const previewCsv = (preview: GetSyncPreview.Output): string => {
  const header = ['record type', 'id here', 'name here', 'what the first sync does', 'QuickBooks id', 'name in QuickBooks', 'changes (old → new)', 'notes'];
  const rows = preview.rows.map((row) => [
    KIND[row.kind], row.hostId, row.name, previewActionText(row), row.qboId ?? '', row.qboName ?? '', changesText(row.changes, preview.currency),
    [...row.nameChanges, ...(row.reason ? [row.reason] : [])].join('; '),
  ]);
  return `${utf8Bom}${[header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
};
