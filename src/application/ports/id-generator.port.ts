/** Randomness enters the core only through here: OAuth states, job ids, worker identities. */
export const IdGenerator = Symbol('qbo-sync.IdGenerator');
export interface IdGenerator {
  /** A unique id, unguessable (at least 128 random bits), URL-safe. */
  newId(): string;
}
