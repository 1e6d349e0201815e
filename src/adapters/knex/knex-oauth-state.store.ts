import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import { maxOAuthStateLength, type OAuthStateStore } from '../../application/ports/oauth-state-store.port';
import { KnexDatabase, TablePrefix } from './knex-tokens';
import { pluginTables } from './plugin-tables';

@injectable()
export class KnexOAuthStateStore implements OAuthStateStore {
  private readonly table: string;

  constructor(@inject(KnexDatabase) private readonly knex: Knex, @inject(TablePrefix) prefix: string) {
    this.table = pluginTables(prefix).oauthStates;
  }

  async issue(tenantId: string, state: string, expiresAt: number): Promise<void> {
    if (state.length === 0 || state.length > maxOAuthStateLength) throw new Error(`An OAuth state must be 1 to ${maxOAuthStateLength} characters long.`);
    await this.knex(this.table).insert({ state, tenant_id: tenantId, expires_at: expiresAt, used_at: null });
  }

  async consume(state: string, tenantId: string, now: number): Promise<boolean> {
    if (state.length === 0 || state.length > maxOAuthStateLength) return false;
    // One conditional update is both checks: of two concurrent callbacks only one matches, and another tenant's never does.
    const used = await this.knex(this.table)
      .where({ state, tenant_id: tenantId })
      .whereNull('used_at')
      .andWhere('expires_at', '>', now)
      .update({ used_at: now });
    return used === 1;
  }

  async purgeExpired(now: number): Promise<number> {
    return this.knex(this.table).where('expires_at', '<=', now).delete();
  }
}
