/** Nearest-rank percentile of a list of numbers (p in 0..100). */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
};

/** Figures are printed and stored with a precision a reader can use: 3 significant digits, at most 3 decimals. */
export const rounded = (value: number): number => {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return Number(value.toFixed(digits));
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds; a benchmark never waits forever. */
export const waitUntil = async (condition: () => Promise<boolean>, timeoutMs: number, what: string, everyMs = 20): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(everyMs);
  }
};
