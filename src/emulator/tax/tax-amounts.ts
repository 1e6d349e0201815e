/** Tax on `taxableCents` at `ratePercent` (7.25 = 7.25 %), rounded half up to the cent, in integers only. */
export function taxAt(taxableCents: number, ratePercent: number): number {
  const rateMillis = Math.round(ratePercent * 1000); // thousandths of a percent: 7.25 % → 7250
  return Math.floor((taxableCents * rateMillis + 50_000) / 100_000);
}

/**
 * A tax total split across rates in proportion to each rate, the remainder of the rounding on the last one (Intuit on
 * AST: an explicit tax amount is honoured and "prorated across tax rates in the AST-assigned tax code").
 */
export function prorate(totalCents: number, ratesPercent: readonly number[]): number[] {
  const sum = ratesPercent.reduce((total, rate) => total + rate, 0);
  if (ratesPercent.length === 0) return [];
  const shares = ratesPercent.map((rate) => (sum === 0 ? 0 : Math.floor((totalCents * rate) / sum)));
  shares[shares.length - 1] = totalCents - shares.slice(0, -1).reduce((total, share) => total + share, 0);
  return shares;
}
