/** Names of the plugin-owned tables under one prefix; the only place those names are spelled. */
export interface PluginTables {
  readonly migrations: string;
  readonly connections: string;
  readonly settings: string;
  readonly links: string;
  readonly outbox: string;
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
    activity: `${prefix}activity`,
    oauthStates: `${prefix}oauth_states`,
    leases: `${prefix}leases`,
    jobs: `${prefix}jobs`,
  };
};
