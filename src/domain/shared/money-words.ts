/**
 * Money as people read it, in the QBO company's home currency (issue 18): `moneyWords(123450, 'CAD')` is "CA$1,234.50",
 * as the page's `Intl.NumberFormat('en-US')` writes it, so a US bookkeeper reads "$" as US dollars and other dollars
 * are named. The digits come from integer cents (no floating point); only the currency's sign comes from Intl.
 * No currency known (null): US dollars, as every message said before currencies were known.
 */
const signs = new Map<string, string>();

/** The sign en-US writes before an amount in `currency` ("$", "CA$", "€"); the code and a space for one Intl does not know. */
const signOf = (currency: string): string => {
  const known = signs.get(currency);
  if (known !== undefined) return known;
  let sign = `${currency} `;
  try {
    const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency }).formatToParts(0);
    // Everything before the digits: the sign, and the space en-US puts after a code it has no symbol for ("XYZ 1.00").
    sign = parts.slice(0, parts.findIndex((p) => p.type === 'integer')).map((p) => p.value).join('');
  } catch {
    // Not an ISO 4217 code Intl knows: the code itself says which money it is.
  }
  signs.set(currency, sign);
  return sign;
};

/** `grouped`: thousands separated ("$1,234.50"); false keeps the plain digits some older messages used ("$1234.50"). */
export const moneyWords = (cents: number, currency: string | null = null, grouped = true): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const whole = String(Math.floor(abs / 100));
  return `${sign}${signOf(currency ?? 'USD')}${grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole}.${String(abs % 100).padStart(2, '0')}`;
};
