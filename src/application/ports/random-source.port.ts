/** Randomness for retry jitter, behind a port so delivery tests can be deterministic. */
export const RandomSource = Symbol('qbo-sync.RandomSource');
export interface RandomSource {
  /** A number in [0, 1). */
  next(): number;
}
