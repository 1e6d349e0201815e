/** Time enters the core only through here, so tests and the domain stay deterministic. */
export const Clock = Symbol('qbo-sync.Clock');
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}
