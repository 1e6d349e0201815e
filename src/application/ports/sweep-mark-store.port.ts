/** Where each tenant's sweep got to: the sweep looks only at host records changed since then. */
export interface SweepMark {
  /** Epoch ms the last sweep started at. */
  readonly sweptAt: number;
  /** Epoch ms of the last full pass over every record. */
  readonly fullPassAt: number;
}

export const SweepMarkStore = Symbol('qbo-sync.SweepMarkStore');
export interface SweepMarkStore {
  get(tenantId: string): Promise<SweepMark | null>;
  save(tenantId: string, mark: SweepMark): Promise<void>;
}
