import { randomBytes } from 'node:crypto';
import { keyIdOf, parseEncryptionKey, StaticKeyProvider } from '../../../src/adapters/crypto/key-provider';

describe('encryptionKey parsing', () => {
  const key = randomBytes(32);

  it('accepts 32 bytes as a Buffer, 64 hex characters, base64 or base64url', () => {
    for (const form of [key, key.toString('hex'), key.toString('hex').toUpperCase(), key.toString('base64'), key.toString('base64url')]) {
      expect(parseEncryptionKey(form).equals(key)).toBe(true);
    }
  });

  it('rejects anything else with a message saying what is expected', () => {
    for (const bad of [randomBytes(16), randomBytes(33), 'secret', key.toString('hex').slice(2), randomBytes(24).toString('base64'), 42, undefined, null]) {
      expect(() => parseEncryptionKey(bad)).toThrow(/encryptionKey must be 32 bytes/);
    }
  });

  it('names keys by a digest that differs per key and never reveals the key', () => {
    const other = randomBytes(32);
    expect(keyIdOf(key)).not.toBe(keyIdOf(other));
    expect(key.toString('base64url')).not.toContain(keyIdOf(key));
    const provider = new StaticKeyProvider(key.toString('hex'), [other]);
    expect(provider.currentKeyId()).toBe(keyIdOf(key));
    expect(provider.keyById(keyIdOf(other))?.equals(other)).toBe(true);
    expect(provider.keyById('nope')).toBeNull();
  });
});
