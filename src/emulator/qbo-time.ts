/**
 * QBO stamps times in the company's own time zone, daylight saving included: Intuit's Preferences sample was created
 * at "2017-10-25T01:05:43-07:00" and last updated at "2018-03-08T13:24:26-08:00". Emulated companies live in
 * America/Los_Angeles, like Intuit's sample company, unless created with another zone.
 */
export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

const formatters = new Map<string, Intl.DateTimeFormat>();
const HOUR_MS = 3_600_000;
/** Offsets only change on the hour (DST switches), so each hour's offset is computed once per zone. */
const offsets = new Map<string, number>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC, in minutes, at an instant (-420 for Pacific daylight time). */
export function offsetMinutes(epochMs: number, zone: string): number {
  const hour = Math.floor(epochMs / HOUR_MS) * HOUR_MS;
  const key = `${zone}@${hour}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(new Date(hour)).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const minutes = Math.round((asUtc - hour) / 60_000);
  if (offsets.size > 10_000) offsets.clear();
  offsets.set(key, minutes);
  return minutes;
}

const pad = (value: number): string => String(value).padStart(2, '0');
const offsetText = (minutes: number): string => `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;

/** The company's wall clock as ISO text without zone, to `digits` (19: seconds, 23: milliseconds). */
function localText(epochMs: number, zone: string, digits: number): { text: string; offset: number } {
  const offset = offsetMinutes(epochMs, zone);
  return { text: new Date(epochMs + offset * 60_000).toISOString().slice(0, digits), offset };
}

/** "2015-07-23T10:58:12-07:00", the MetaData format. */
export function formatMetaTime(epochMs: number, zone = DEFAULT_TIME_ZONE): string {
  const { text, offset } = localText(epochMs, zone, 19);
  return text + offsetText(offset);
}

/** "2015-07-23T10:58:12.099-07:00", the response `time` format. */
export function formatResponseTime(epochMs: number, zone = DEFAULT_TIME_ZONE): string {
  const { text, offset } = localText(epochMs, zone, 23);
  return text + offsetText(offset);
}

/** The company's date at an instant (TxnDate defaults to it, CompanyStartDate is one). */
export const companyDate = (epochMs: number, zone = DEFAULT_TIME_ZONE): string => localText(epochMs, zone, 10).text;

/** Epoch milliseconds of a query literal; a date without a time is midnight in the company's zone. */
export function parseQueryTime(text: string, zone = DEFAULT_TIME_ZONE): number | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const utcMidnight = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(utcMidnight)) return undefined;
    // The offset that holds at local midnight: try the one at UTC midnight, then correct once across a DST switch.
    const first = utcMidnight - offsetMinutes(utcMidnight, zone) * 60_000;
    return utcMidnight - offsetMinutes(first, zone) * 60_000;
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}
