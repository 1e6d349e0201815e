import type { CompanyLimits } from './qbo-ceiling';

/**
 * When one company could have every paid invoice in QBO at best, working at its own ceiling from the moment each was
 * committed: each invoice, then its payment (the payment names the invoice's QBO id, so it waits for its answer),
 * every request taking `latencyMs`, at most `concurrent` in flight and `perMinute` started in any minute. Requests
 * are started in commit order, each as early as those limits allow (a greedy schedule is optimal here: every pair is
 * the same two requests; with 20 pairs a minute neither limit binds, so this is the last commit plus two latencies
 * unless commits bunch up). Returns the time (same clock as `commits`) the last payment is answered.
 */
export const idealFinish = (commits: readonly number[], limits: CompanyLimits, latencyMs: number): number => {
  const starts: number[] = [];
  const ends: number[] = [];
  /** The earliest start at or after `from` that keeps both limits. */
  const slot = (from: number): number => {
    let at = from;
    for (;;) {
      const inFlight = ends.filter((end, n) => (starts[n] as number) <= at && end > at).sort((a, b) => a - b);
      const lastMinute = starts.filter((start) => start > at - 60_000).sort((a, b) => a - b);
      if (inFlight.length >= limits.concurrent) at = inFlight[inFlight.length - limits.concurrent] as number;
      else if (lastMinute.length >= limits.perMinute) at = (lastMinute[lastMinute.length - limits.perMinute] as number) + 60_000;
      else return at;
    }
  };
  const request = (from: number): number => {
    const start = slot(from);
    starts.push(start);
    ends.push(start + latencyMs);
    return start + latencyMs;
  };
  let finish = Number.NEGATIVE_INFINITY;
  for (const committedAt of [...commits].sort((a, b) => a - b)) finish = Math.max(finish, request(request(committedAt)));
  return finish;
};
