import type { Knex } from 'knex';
import type { OAuthStateStore } from '../../application/ports/oauth-state-store.port';
import { pluginTables } from './plugin-tables';

export class KnexOAuthStateStore implements OAuthStateStore {
  private readonly table: string;

  constructor(private readonly knex: Knex, prefix: string) {
    this.table = pluginTables(prefix).oauthStates;
  }

  async issue(tenantId: string, state: string, expiresAt: number): Promise<void> {
    if (state.length === 0 || state.length > 128) throw new Error('An OAuth state must be 1 to 128 characters long.');
    await this.knex(this.table).insert({ state, tenant_id: tenantId, expires_at: expiresAt, used_at: null });
  }

  async consume(state: string, now: number): Promise<string | null> {
    if (state.length === 0 || state.length > 128) return null;
    // The conditional update is the single-use guarantee: of two concurrent callbacks only one matches a row.
    const used = await this.knex(this.table).where({ state }).whereNull('used_at').andWhere('expires_at', '>', now).update({ used_at: now });
    if (used !== 1) return null;
    const row: { tenant_id: string } | undefined = await this.knex(this.table).select('tenant_id').where({ state }).first();
    return row?.tenant_id ?? null;
  }
}
