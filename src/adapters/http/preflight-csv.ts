import type { GetPreflight } from '../../application/use-cases/setup/get-preflight.use-case';

/** A cell a spreadsheet would run as a formula gets a leading quote; every cell is quoted. */
export const csvCell = (value: string): string => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** One row per record of each potential duplicate, with the group's reason and explanation. */
export const duplicatesCsv = (duplicates: readonly GetPreflight.Duplicate[]): string => {
  const rows = [['group', 'kind', 'reason', 'shared value', 'record id', 'record name', 'explanation']];
  duplicates.forEach((group, index) => {
    for (const record of group.records) rows.push([String(index + 1), group.kind, group.reason, group.value, record.id, record.name, group.explanation]);
  });
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
};
