import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '../../application/ports/id-generator.port';

/** 128 random bits, base64url: unguessable enough for OAuth states and attempt tokens. */
export class CryptoIdGenerator implements IdGenerator {
  newId(): string {
    return randomBytes(16).toString('base64url');
  }
}
