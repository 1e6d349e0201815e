import { AsyncLocalStorage } from 'node:async_hooks';
import { inject, injectable } from 'inversify';
import type { Knex } from 'knex';
import type { ConnectionStatus, ConnectionStore, QboConnection } from '../../application/ports/connection-store.port';
import { Logger } from '../../application/ports/logger.port';
import { SecretCipher } from '../../application/ports/secret-cipher.port';
import { isMysql } from './knex-dialect';
import { KnexDatabase, TablePrefix } from './knex-tokens';
import { pluginTables } from './plugin-tables';
import { currentSealingVersion } from './unambiguous-keys.migration';
import { compositeKey } from '../../domain/shared/composite-key';

interface ConnectionRow {
  tenant_id: string;
  realm_id: string;
  company_name: string | null;
  status: string;
  status_reason: string | null;
  access_token: string;
  refresh_token: string;
  tokens_created_at: number | string;
  access_expires_at: number | string;
  refresh_expires_at: number | string;
  sealing_version: number | string;
}

/**
 * Binds a sealed token to its row: copied to another tenant or realm, it no longer opens. Version 2 joins the two
 * unambiguously; version 1 (rows sealed before migration 0005) joined them with ':', and is opened as it was sealed,
 * then resealed.
 */
const associatedData = (row: Pick<ConnectionRow, 'tenant_id' | 'realm_id' | 'sealing_version'>): string =>
  Number(row.sealing_version) >= currentSealingVersion ? compositeKey(['qbo-connection', row.tenant_id, row.realm_id]) : `${row.tenant_id}:${row.realm_id}`;

const unreadableTokens =
  'The stored QuickBooks tokens could not be decrypted (the encryption key may have changed). Reconnect QuickBooks Online.';

/**
 * Connections with tokens sealed by the SecretCipher. On MySQL the refresh lock is the connection row itself, a
 * `SELECT … FOR UPDATE` held for the duration of `work`, shared by every process. SQLite serves one process (the demo)
 * and knex gives it a single connection: a transaction held across `work` would stall every other query (even the
 * ones `work` makes through other stores), so there the lock is a per-tenant queue in this process.
 */
@injectable()
export class KnexConnectionStore implements ConnectionStore {
  private readonly table: string;
  /** The lock's transaction, so the store's own calls inside `work` go through it instead of waiting on it. */
  private readonly lockScope = new AsyncLocalStorage<{ tenantId: string; trx: Knex.Transaction | null }>();
  private readonly localLocks = new Map<string, Promise<unknown>>();

  constructor(
    @inject(KnexDatabase) private readonly knex: Knex,
    @inject(TablePrefix) prefix: string,
    @inject(SecretCipher) private readonly cipher: SecretCipher,
    @inject(Logger) private readonly logger: Logger,
  ) {
    this.table = pluginTables(prefix).connections;
  }

  async get(tenantId: string): Promise<QboConnection | null> {
    const row: ConnectionRow | undefined = await this.db(tenantId)(this.table).where({ tenant_id: tenantId }).first();
    if (!row) return null;
    const connection = this.fromRow(row);
    await this.resealIfStale(row, connection);
    return connection;
  }

  /**
   * After a key rotation, or when sealed under the old context (before migration 0005), tokens are resealed with the
   * current key and context on first use. Only if the row still holds what we read: a refresh by another process in
   * between must never be overwritten.
   */
  private async resealIfStale(row: ConnectionRow, connection: QboConnection): Promise<void> {
    const oldContext = Number(row.sealing_version) < currentSealingVersion;
    if (!oldContext && !this.cipher.isStale(row.access_token) && !this.cipher.isStale(row.refresh_token)) return;
    if (connection.statusReason === unreadableTokens) return;
    const ad = associatedData({ ...row, sealing_version: currentSealingVersion });
    await this.db(row.tenant_id)(this.table)
      .where({ tenant_id: row.tenant_id, realm_id: row.realm_id, access_token: row.access_token, refresh_token: row.refresh_token })
      .update({
        access_token: this.cipher.encrypt(connection.tokens.accessToken, ad),
        refresh_token: this.cipher.encrypt(connection.tokens.refreshToken, ad),
        sealing_version: currentSealingVersion,
      });
  }

  async save(connection: QboConnection): Promise<void> {
    const ad = associatedData({ tenant_id: connection.tenantId, realm_id: connection.realmId, sealing_version: currentSealingVersion });
    const row: ConnectionRow = {
      tenant_id: connection.tenantId,
      realm_id: connection.realmId,
      company_name: connection.companyName,
      status: connection.status,
      status_reason: connection.statusReason,
      access_token: this.cipher.encrypt(connection.tokens.accessToken, ad),
      refresh_token: this.cipher.encrypt(connection.tokens.refreshToken, ad),
      tokens_created_at: connection.tokens.createdAt,
      access_expires_at: connection.tokens.accessTokenExpiresAt,
      refresh_expires_at: connection.tokens.refreshTokenExpiresAt,
      sealing_version: currentSealingVersion,
    };
    // One statement: a reader sees the old tokens or the new ones, never half of each.
    const { tenant_id: _key, ...changes } = row;
    await this.db(connection.tenantId)(this.table).insert(row).onConflict('tenant_id').merge(Object.keys(changes));
  }

  async markNeedsReconnect(tenantId: string, reason: string): Promise<void> {
    await this.db(tenantId)(this.table).where({ tenant_id: tenantId }).update({ status: 'needs_reconnect', status_reason: reason });
  }

  async remove(tenantId: string): Promise<void> {
    await this.db(tenantId)(this.table).where({ tenant_id: tenantId }).delete();
  }

  async withRefreshLock<T>(tenantId: string, work: (current: QboConnection | null) => Promise<T>): Promise<T> {
    const held = this.lockScope.getStore();
    if (held?.tenantId === tenantId) return work(await this.get(tenantId));
    if (!isMysql(this.knex)) return this.withLocalLock(tenantId, work);
    return this.knex.transaction(async (trx) => {
      const locking = trx(this.table).where({ tenant_id: tenantId });
      // Other processes block here until we commit, then read what we wrote.
      const row: ConnectionRow | undefined = await locking.forUpdate().first();
      const current = row ? this.fromRow(row) : null;
      return this.lockScope.run({ tenantId, trx }, () => work(current));
    });
  }

  private async withLocalLock<T>(tenantId: string, work: (current: QboConnection | null) => Promise<T>): Promise<T> {
    const previous = this.localLocks.get(tenantId) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() => this.lockScope.run({ tenantId, trx: null }, async () => work(await this.get(tenantId))));
    this.localLocks.set(tenantId, run);
    try {
      return await run;
    } finally {
      if (this.localLocks.get(tenantId) === run) this.localLocks.delete(tenantId);
    }
  }

  private db(tenantId: string): Knex | Knex.Transaction {
    const held = this.lockScope.getStore();
    return held?.tenantId === tenantId && held.trx ? held.trx : this.knex;
  }

  private fromRow(row: ConnectionRow): QboConnection {
    const ad = associatedData(row);
    const access = this.cipher.decrypt(row.access_token, ad);
    const refresh = this.cipher.decrypt(row.refresh_token, ad);
    const base = { tenantId: row.tenant_id, realmId: row.realm_id, companyName: row.company_name };
    const times = {
      createdAt: Number(row.tokens_created_at),
      accessTokenExpiresAt: Number(row.access_expires_at),
      refreshTokenExpiresAt: Number(row.refresh_expires_at),
    };
    if (!access.ok || !refresh.ok) {
      const error = !access.ok ? access.error : !refresh.ok ? refresh.error : null;
      // A security event, not "no connection": the admin sees it must be reconnected, and the log says why.
      this.logger.warn({ tenantId: row.tenant_id, realmId: row.realm_id, reason: error?.kind }, 'stored QBO tokens could not be decrypted');
      return { ...base, status: 'needs_reconnect', statusReason: unreadableTokens, tokens: { accessToken: '', refreshToken: '', ...times } };
    }
    return {
      ...base,
      status: row.status as ConnectionStatus,
      statusReason: row.status_reason,
      tokens: { accessToken: access.value, refreshToken: refresh.value, ...times },
    };
  }
}
