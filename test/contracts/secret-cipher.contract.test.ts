import { randomBytes } from 'node:crypto';
import { AesGcmSecretCipher } from '../../src/adapters/crypto/aes-gcm-secret.cipher';
import { StaticKeyProvider } from '../../src/adapters/crypto/key-provider';
import { describeSecretCipherContract } from './secret-cipher.contract';

describeSecretCipherContract('AES-256-GCM', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32).toString('hex');
  return {
    cipher: AesGcmSecretCipher.fromKey(oldKey),
    rotated: new AesGcmSecretCipher(new StaticKeyProvider(newKey, [oldKey])),
    stranger: new AesGcmSecretCipher(new StaticKeyProvider(randomBytes(32).toString('base64'))),
  };
});
