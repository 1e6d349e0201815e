import type { ConnectionStore } from '../ports/connection-store.port';

export namespace GetConnectionStatus {
  export interface Output {
    readonly status: 'disconnected' | 'connected' | 'needs_reconnect';
    readonly realmId: string | null;
    readonly companyName: string | null;
    /** Why the connection needs attention, in plain words. */
    readonly reason: string | null;
  }
}

export class GetConnectionStatus {
  constructor(private readonly connections: ConnectionStore) {}

  async execute(tenantId: string): Promise<GetConnectionStatus.Output> {
    const connection = await this.connections.get(tenantId);
    if (!connection) return { status: 'disconnected', realmId: null, companyName: null, reason: null };
    return {
      status: connection.status,
      realmId: connection.realmId,
      companyName: connection.companyName,
      reason: connection.statusReason,
    };
  }
}
