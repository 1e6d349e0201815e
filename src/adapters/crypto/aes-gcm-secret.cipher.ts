import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DecryptionError, SecretCipher } from '../../application/ports/secret-cipher.port';
import { err, ok, type Result } from '../../domain/shared/result';
import { KeyProvider, StaticKeyProvider } from './key-provider';

const version = 'v1';
const ivLength = 12;
const tagLength = 16;

interface Sealed {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

const base64url = /^[A-Za-z0-9_-]*$/;

const parse = (value: string): Sealed | null => {
  const parts = value.split('.');
  if (parts.length !== 5 || parts[0] !== version || !parts.every((part) => base64url.test(part))) return null;
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  const sealed = { keyId, iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url') };
  return keyId.length > 0 && sealed.iv.length === ivLength && sealed.tag.length === tagLength ? sealed : null;
};

/** The version and key id are authenticated too, so neither can be swapped without the tag failing. */
const additionalData = (keyId: string, associatedData: string): Buffer => Buffer.from(`${version}.${keyId}.${associatedData}`, 'utf8');

/**
 * AES-256-GCM with a random 96-bit IV per value, sealed as `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url).
 * The key id travels with the value so keys can rotate: old values open with their key and are resealed on write.
 */
export class AesGcmSecretCipher implements SecretCipher {
  constructor(private readonly keys: KeyProvider) {}

  /** From the plugin's `encryptionKey` option (and keys it replaced, still needed to open old values). */
  static fromKey(encryptionKey: unknown, retiredKeys: readonly unknown[] = []): AesGcmSecretCipher {
    return new AesGcmSecretCipher(new StaticKeyProvider(encryptionKey, retiredKeys));
  }

  encrypt(plaintext: string, associatedData: string): string {
    const keyId = this.keys.currentKeyId();
    const key = this.keys.keyById(keyId);
    if (!key) throw new Error(`The key provider does not know its own current key ${keyId}.`);
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength });
    cipher.setAAD(additionalData(keyId, associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [version, keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  decrypt(value: string, associatedData: string): Result<string, DecryptionError> {
    const sealed = parse(value);
    if (!sealed) return err({ kind: 'MalformedCiphertext', message: 'The stored secret is not a value this plugin sealed.' });
    const key = this.keys.keyById(sealed.keyId);
    if (!key) {
      return err({ kind: 'UnknownKey', message: `The stored secret was sealed with key ${sealed.keyId}, which is not configured any more.` });
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: tagLength });
      decipher.setAAD(additionalData(sealed.keyId, associatedData));
      decipher.setAuthTag(sealed.tag);
      return ok(Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8'));
    } catch {
      return err({ kind: 'TamperedCiphertext', message: 'The stored secret failed authentication: it was altered or belongs to another record.' });
    }
  }

  isStale(value: string): boolean {
    const sealed = parse(value);
    return sealed === null || sealed.keyId !== this.keys.currentKeyId();
  }
}
