import type { OAuthStateStore } from '../../application/ports/oauth-state-store.port';

export class InMemoryOAuthStateStore implements OAuthStateStore {
  private readonly states = new Map<string, { tenantId: string; expiresAt: number; used: boolean }>();

  async issue(tenantId: string, state: string, expiresAt: number): Promise<void> {
    if (state.length === 0 || state.length > 128) throw new Error('An OAuth state must be 1 to 128 characters long.');
    if (this.states.has(state)) throw new Error('This OAuth state was already issued.');
    this.states.set(state, { tenantId, expiresAt, used: false });
  }

  async consume(state: string, now: number): Promise<string | null> {
    const entry = this.states.get(state);
    if (!entry || entry.used || entry.expiresAt <= now) return null;
    entry.used = true;
    return entry.tenantId;
  }
}
