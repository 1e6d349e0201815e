import type { Result } from '../../domain/shared/result';

export type DecryptionError =
  | { readonly kind: 'TamperedCiphertext'; readonly message: string }
  | { readonly kind: 'UnknownKey'; readonly message: string }
  | { readonly kind: 'MalformedCiphertext'; readonly message: string };

/**
 * Authenticated encryption of secrets at rest. `associatedData` binds a ciphertext to where it belongs
 * (tenant + realm), so a value copied to another row does not decrypt.
 */
export const SecretCipher = Symbol('qbo-sync.SecretCipher');
export interface SecretCipher {
  encrypt(plaintext: string, associatedData: string): string;
  decrypt(ciphertext: string, associatedData: string): Result<string, DecryptionError>;
  /** True when the value was sealed with a key other than the current one (re-encrypt on next write). */
  isStale(ciphertext: string): boolean;
}
