/** QBO stamps times in the company's offset; the emulated companies all live at -07:00 (Pacific, summer). */
const COMPANY_OFFSET_MS = -7 * 3600 * 1000;

/** "2015-07-23T10:58:12-07:00", the MetaData format. */
export const formatMetaTime = (epochMs: number): string =>
  new Date(epochMs + COMPANY_OFFSET_MS).toISOString().slice(0, 19) + '-07:00';

/** "2015-07-23T10:58:12.099-07:00", the response `time` format. */
export const formatResponseTime = (epochMs: number): string =>
  new Date(epochMs + COMPANY_OFFSET_MS).toISOString().slice(0, 23) + '-07:00';

/** Epoch milliseconds of a query literal; a date without a time is midnight in the company's offset. */
export function parseQueryTime(text: string): number | undefined {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const parsed = Date.parse(dateOnly ? `${text}T00:00:00-07:00` : text);
  return Number.isNaN(parsed) ? undefined : parsed;
}
