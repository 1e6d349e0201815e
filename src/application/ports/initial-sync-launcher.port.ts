/** Runs an initial-sync job in the background, so Save & Sync answers at once (202) and the page polls progress. */
export const InitialSyncLauncher = Symbol('qbo-sync.InitialSyncLauncher');
export interface InitialSyncLauncher {
  /** Starts running the job unless this process already runs it; returns at once. */
  launch(tenantId: string, jobId: string): void;
}
