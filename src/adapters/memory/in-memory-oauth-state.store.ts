import { injectable } from 'inversify';
import { maxOAuthStateLength, type OAuthStateStore } from '../../application/ports/oauth-state-store.port';

@injectable()
export class InMemoryOAuthStateStore implements OAuthStateStore {
  private readonly states = new Map<string, { tenantId: string; expiresAt: number; used: boolean }>();

  async issue(tenantId: string, state: string, expiresAt: number): Promise<void> {
    if (state.length === 0 || state.length > maxOAuthStateLength) throw new Error(`An OAuth state must be 1 to ${maxOAuthStateLength} characters long.`);
    if (this.states.has(state)) throw new Error('This OAuth state was already issued.');
    this.states.set(state, { tenantId, expiresAt, used: false });
  }

  async consume(state: string, tenantId: string, now: number): Promise<boolean> {
    const entry = this.states.get(state);
    if (!entry || entry.used || entry.tenantId !== tenantId || entry.expiresAt <= now) return false;
    entry.used = true;
    return true;
  }

  async purgeExpired(now: number): Promise<number> {
    let purged = 0;
    for (const [state, entry] of this.states) {
      if (entry.expiresAt > now) continue;
      this.states.delete(state);
      purged += 1;
    }
    return purged;
  }

  /** How many states are kept (expired ones included until purged). */
  get size(): number {
    return this.states.size;
  }
}
