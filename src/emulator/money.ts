/** QBO sends amounts as decimals; the emulator keeps them as integer cents so sums never drift. */
export const MONEY_FIELDS: ReadonlySet<string> = new Set([
  'Amount',
  'TotalAmt',
  'Balance',
  'UnappliedAmt',
  'UnitPrice',
  'RemainingCredit',
  'BalanceWithJobs',
  'CurrentBalance',
  'CurrentBalanceWithSubAccounts',
  'TotalTax',
  'NetAmountTaxable',
  'PurchaseCost',
  'Deposit',
]);

const LARGEST_AMOUNT_CENTS = 9_999_999_999_999;

/** Integer cents for a decimal amount (number or numeric string), rounded half away from zero; undefined when not an amount. */
export function decimalToCents(value: unknown): number | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > LARGEST_AMOUNT_CENTS / 100) return undefined;
    text = value.toFixed(6);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  const match = /^(-?)(\d{1,13})(?:\.(\d*))?$/.exec(text);
  if (!match) return undefined;
  const fraction = (match[3] ?? '').padEnd(3, '0');
  let cents = Number(match[2]) * 100 + Number(fraction.slice(0, 2));
  if (Number(fraction[2]) >= 5) cents += 1;
  return match[1] === '-' ? -cents : cents;
}

export const centsToDecimal = (cents: number): number => cents / 100;

/** A deep copy with every money field turned into a decimal for the wire. */
export function moneyToWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(moneyToWire);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] = MONEY_FIELDS.has(key) && typeof field === 'number' ? centsToDecimal(field) : moneyToWire(field);
  }
  return out;
}
