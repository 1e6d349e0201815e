/** The longest company id accepted; Intuit's are 15 to 19 digits, so this leaves room and still bounds every column. */
export const maxRealmIdLength = 32;

/**
 * A QuickBooks company id (realm id) is digits only. Checked before anything else touches it: a URL, a query, a row
 * or a log line never sees `1' OR '1'='1` or a 5,000-character string posing as one.
 */
export const isRealmId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= maxRealmIdLength && /^[0-9]+$/.test(value);
