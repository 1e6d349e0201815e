import { createHash } from 'node:crypto';

/** Where encryption keys come from: the one to seal with now, and any older one still needed to open. */
export interface KeyProvider {
  currentKeyId(): string;
  /** The 32-byte key with that id, or null when it is not (or no longer) known. */
  keyById(keyId: string): Buffer | null;
}

const keyLength = 32;

/** A 32-byte key from a Buffer, 64 hex characters or base64(url) of 32 bytes; anything else throws. */
export const parseEncryptionKey = (encryptionKey: unknown): Buffer => {
  const invalid = new Error(
    'encryptionKey must be 32 bytes: a Buffer of 32 bytes, a string of 64 hex characters, or base64 of 32 bytes ' +
      '(generate one with `node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'hex\'))"`).',
  );
  if (Buffer.isBuffer(encryptionKey)) {
    if (encryptionKey.length !== keyLength) throw invalid;
    return Buffer.from(encryptionKey);
  }
  if (typeof encryptionKey !== 'string') throw invalid;
  const text = encryptionKey.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === keyLength) return bytes;
  }
  throw invalid;
};

/** A key's id is a digest of the key itself: a rotated key is recognised without any bookkeeping. */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update('qbo-sync key id').update(key).digest('base64url').slice(0, 12);

/** Keys given in code: the current one first, retired ones after it (kept only to open old values). */
export class StaticKeyProvider implements KeyProvider {
  private readonly keys = new Map<string, Buffer>();
  private readonly current: string;

  constructor(currentKey: unknown, retiredKeys: readonly unknown[] = []) {
    const current = parseEncryptionKey(currentKey);
    this.current = keyIdOf(current);
    this.keys.set(this.current, current);
    for (const retired of retiredKeys) {
      const key = parseEncryptionKey(retired);
      if (!this.keys.has(keyIdOf(key))) this.keys.set(keyIdOf(key), key);
    }
  }

  currentKeyId(): string {
    return this.current;
  }

  keyById(keyId: string): Buffer | null {
    return this.keys.get(keyId) ?? null;
  }
}
