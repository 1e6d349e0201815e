import { ContainerModule } from 'inversify';
import { Clock } from '../application/ports/clock.port';
import { IdGenerator } from '../application/ports/id-generator.port';
import { Logger } from '../application/ports/logger.port';
import { RandomSource } from '../application/ports/random-source.port';
import { SecretCipher } from '../application/ports/secret-cipher.port';
import { AesGcmSecretCipher } from '../adapters/crypto/aes-gcm-secret.cipher';
import { AesOpaqueIds } from '../adapters/crypto/aes-opaque.ids';
import { OpaqueIds } from '../application/ports/opaque-ids.port';
import { StaticKeyProvider } from '../adapters/crypto/key-provider';
import { PinoLogger } from '../adapters/logging/pino.logger';
import { CryptoIdGenerator } from '../adapters/system/crypto-id.generator';
import { MathRandomSource } from '../adapters/system/math-random.source';
import { SystemClock } from '../adapters/system/system.clock';
import type { QboSyncPluginOptions } from './plugin-options';

/** Time, randomness, logging and the cipher for secrets at rest. */
export const systemModule = (options: QboSyncPluginOptions) =>
  new ContainerModule(({ bind }) => {
    bind<Clock>(Clock).to(SystemClock).inSingletonScope();
    bind<IdGenerator>(IdGenerator).to(CryptoIdGenerator).inSingletonScope();
    bind<RandomSource>(RandomSource).to(MathRandomSource).inSingletonScope();
    bind<Logger>(Logger).toConstantValue(new PinoLogger(options.logger));
    const keys = options.keyProvider ?? new StaticKeyProvider(options.encryptionKey, options.retiredEncryptionKeys ?? []);
    bind<SecretCipher>(SecretCipher).toConstantValue(new AesGcmSecretCipher(keys));
    bind<OpaqueIds>(OpaqueIds).toConstantValue(new AesOpaqueIds(keys));
  });
