/**
 * Exact conversion between a decimal amount of dollars as a database hands it over (DECIMAL arrives as text such as
 * "649.00"; a numeric column may arrive as a number) and integer cents, without floating point arithmetic: the
 * digits are moved, never multiplied. A value that is not a whole number of cents ("64.505", "1e3", "", "abc",
 * an amount beyond what integer cents hold exactly) is refused with null, never rounded.
 */
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

export const decimalDollarsToCents = (value: unknown): number | null => {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // Number → shortest round-trip text ("64.5", "0.1"); an exponent form means a value no DECIMAL column gives.
    text = String(value);
  } else if (typeof value === 'bigint') text = String(value);
  else if (typeof value === 'string') text = value.trim();
  else return null;
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (/[1-9]/.test(fraction.slice(2))) return null;
  const digits = `${whole}${fraction.slice(0, 2).padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  const cents = Number(digits);
  if (!Number.isSafeInteger(cents)) return null;
  return sign === '-' && cents !== 0 ? -cents : cents;
};

/** Integer cents as decimal dollars text ("64.50", "-0.05"), for writing a DECIMAL column exactly. */
export const centsToDecimalDollars = (cents: number): string => {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${cents} is not a whole number of cents`);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/** Integer cents as a column of whole cents gives them: a safe integer, or its exact text; anything else is null. */
export const integerCents = (value: unknown): number | null => {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
  if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : null;
};
