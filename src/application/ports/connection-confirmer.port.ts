/**
 * Finishes a connection QBO could not confirm while the admin waited (it was busy): asks again in the background,
 * as often as it takes, so the OAuth callback answers at once and never waits out a throttle.
 */
export const ConnectionConfirmer = Symbol('qbo-sync.ConnectionConfirmer');
export interface ConnectionConfirmer {
  /** Confirms the tenant's pending connection after about `afterMs`, unless that is already planned; returns at once. */
  confirmLater(tenantId: string, afterMs: number): void;
}
