/**
 * What an update changed in QBO, in a bookkeeper's words for the activity log (issue 18): a rename as old → new
 * ("Renamed customer from "J Smith" to "John Smith" in QuickBooks."), other fields by their labels with old → new
 * values ("Email: (none) → john@example.com"), never the field names QBO's API uses (givenName, billAddr).
 */
import { fieldChanges, fieldLabel } from './field-changes';

const nameFields = ['displayName', 'name'];

/** Values a reader can compare at a glance; lines and references are named by their label only. */
const readable = (field: string, value: unknown): boolean => field === 'billAddr' || value === null || value === undefined || typeof value !== 'object';

/**
 * `what` names the record as the host shows it now (`customer "John Smith"`); `before` is what was pushed last
 * (null when unknown); `fields` the fields the update sends.
 */
export const updateWords = (what: string, before: Readonly<Record<string, unknown>> | null, fields: Readonly<Record<string, unknown>>, currency: string | null = null): string => {
  const changes = fieldChanges(before, fields, currency);
  const rename = before === null ? undefined : changes.find((c) => nameFields.includes(c.field) && c.from !== '(none)');
  const rest = changes
    .filter((c) => c !== rename)
    .map((c) => (readable(c.field, fields[c.field]) && readable(c.field, before?.[c.field]) && before !== null ? `${c.label}: ${c.from} → ${c.to}` : fieldLabel(c.field)));
  const kind = what.split(' ')[0] ?? '';
  const head = rename ? `Renamed ${kind} from "${rename.from}" to "${rename.to}" in QuickBooks` : `Updated ${what} in QuickBooks`;
  if (rest.length === 0) return rename ? `${head}.` : `${head} (nothing the app owns changed).`;
  return `${head}${rename ? '; also' : ':'} ${rest.join('; ')}.`;
};
