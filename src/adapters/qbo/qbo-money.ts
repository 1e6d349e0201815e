/**
 * Money crosses into QBO as decimal amounts and comes back as decimals; the rest of the plugin counts integer
 * cents. Both directions go through decimal strings so no binary-float product (1.005 * 100) ever decides a cent.
 */
export const centsToAmount = (cents: number): number => {
  if (!Number.isSafeInteger(cents)) throw new Error(`An amount in cents must be a whole number, not ${cents}.`);
  const digits = Math.abs(cents).toString().padStart(3, '0');
  const text = `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
  // Number("19.99") prints back as "19.99" in JSON: the shortest round-trip form is the decimal we wrote.
  return Number(text);
};

const decimalPattern = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a QBO amount (number or string) to cents, rounding half away from zero at the third decimal. */
export const amountToCents = (amount: number | string): number => {
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  const match = decimalPattern.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`'${text}' is not an amount.`);
  const sign = match[1] === '-' ? -1 : 1;
  const exponent = Number(match[4] ?? '0') + 2;
  const allDigits = `${match[2] ?? ''}${match[3] ?? ''}`;
  const pointAt = (match[2] ?? '').length + exponent;
  const padded = pointAt < 0 ? '0'.repeat(-pointAt) + allDigits : allDigits.padEnd(pointAt, '0');
  const split = Math.max(pointAt, 0);
  const whole = padded.slice(0, split).replace(/^0+(?=\d)/, '') || '0';
  const firstDropped = padded.charAt(split);
  const cents = Number(whole) + (firstDropped !== '' && firstDropped >= '5' ? 1 : 0);
  if (!Number.isSafeInteger(cents)) throw new Error(`'${text}' is too large an amount.`);
  return sign * cents === 0 ? 0 : sign * cents;
};
