import type { ConnectionConfirmer } from '../ports/connection-confirmer.port';
import type { ConnectionStatus, ConnectionStore } from '../ports/connection-store.port';

export namespace GetConnectionStatus {
  export interface Output {
    readonly status: 'disconnected' | ConnectionStatus;
    readonly realmId: string | null;
    readonly companyName: string | null;
    /** Why the connection needs attention (or is still being confirmed), in plain words. */
    readonly reason: string | null;
  }
}

export class GetConnectionStatus {
  constructor(
    private readonly connections: ConnectionStore,
    private readonly confirmer: ConnectionConfirmer,
  ) {}

  async execute(tenantId: string): Promise<GetConnectionStatus.Output> {
    const connection = await this.connections.get(tenantId);
    if (!connection) return { status: 'disconnected', realmId: null, companyName: null, reason: null };
    // The page polls while a connection is pending: a process restarted since the callback picks the confirmation up here.
    if (connection.status === 'pending_verification') this.confirmer.confirmLater(tenantId, 0);
    return {
      status: connection.status,
      realmId: connection.realmId,
      companyName: connection.companyName,
      reason: connection.statusReason,
    };
  }
}
