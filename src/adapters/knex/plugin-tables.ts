/** Names of the plugin-owned tables under one prefix; the only place those names are spelled. */
export interface PluginTables {
  readonly migrations: string;
  readonly connections: string;
  readonly settings: string;
  readonly links: string;
  readonly outbox: string;
  /** Appended by enqueue in the host's transaction: which tenants may have new work (ADR 0071). */
  readonly outboxSignals: string;
  /** Per tenant, the earliest available_at of its live outbox rows: the ready-companies index (ADR 0071). */
  readonly outboxTenants: string;
  readonly activity: string;
  readonly oauthStates: string;
  readonly leases: string;
  readonly jobs: string;
}

const validPrefix = /^[A-Za-z0-9_]{0,32}$/;

export const pluginTables = (prefix: string): PluginTables => {
  if (!validPrefix.test(prefix)) {
    throw new Error(`tablePrefix must be at most 32 letters, digits or underscores; got ${JSON.stringify(prefix)}`);
  }
  return {
    migrations: `${prefix}migrations`,
    connections: `${prefix}connections`,
    settings: `${prefix}settings`,
    links: `${prefix}links`,
    outbox: `${prefix}outbox`,
    outboxSignals: `${prefix}outbox_signal`,
    outboxTenants: `${prefix}outbox_tenant`,
    activity: `${prefix}activity`,
    oauthStates: `${prefix}oauth_states`,
    leases: `${prefix}leases`,
    jobs: `${prefix}jobs`,
  };
};
