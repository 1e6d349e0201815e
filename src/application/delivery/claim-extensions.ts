import type { ClaimToExtend, OutboxStore } from '../ports/outbox-store.port';

interface Gathered {
  readonly claims: ClaimToExtend[];
  readonly waiters: { resolve(): void; reject(error: unknown): void }[];
}

/**
 * The heartbeat's extensions of claimed rows, gathered into one write (ADR 0086). The process's lease beat tells
 * every held lease in one loop, and each lease whose round's rows run out soon asks to extend them to the same end:
 * asks for one end made before the loop's promises run go to the store together (`OutboxStore.extendClaims`), where
 * each was a transaction of its own (five statements with the ready-companies index). A store without
 * `extendClaims` extends each claim on its own.
 */
export class ClaimExtensions {
  private readonly gathering = new Map<number, Gathered>();

  constructor(private readonly outbox: OutboxStore) {}

  extend(tenantId: string, attemptToken: string, until: number): Promise<void> {
    if (!this.outbox.extendClaims) return this.outbox.extendClaim(tenantId, attemptToken, until).then(() => undefined);
    return new Promise((resolve, reject) => {
      let gathered = this.gathering.get(until);
      if (!gathered) {
        gathered = { claims: [], waiters: [] };
        this.gathering.set(until, gathered);
        // A promise job, not a timer: it runs once the beat's loop is done, and fake timers in tests leave it alone.
        void Promise.resolve().then(() => this.send(until));
      }
      gathered.claims.push({ tenantId, attemptToken });
      gathered.waiters.push({ resolve, reject });
    });
  }

  private async send(until: number): Promise<void> {
    const gathered = this.gathering.get(until);
    this.gathering.delete(until);
    if (!gathered) return;
    try {
      await this.outbox.extendClaims!(gathered.claims, until);
      for (const waiter of gathered.waiters) waiter.resolve();
    } catch (error) {
      for (const waiter of gathered.waiters) waiter.reject(error);
    }
  }
}
