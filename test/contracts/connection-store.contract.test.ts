import { randomBytes } from 'node:crypto';
import { AesGcmSecretCipher } from '../../src/adapters/crypto/aes-gcm-secret.cipher';
import { KnexConnectionStore } from '../../src/adapters/knex/knex-connection.store';
import { InMemoryConnectionStore } from '../../src/adapters/memory/in-memory-connection.store';
import { RecordingLogger } from '../support/recording-logger';
import { describeConnectionStoreContract } from './connection-store.contract';
import { contractPrefix, onEveryDatabase } from './knex-backends';

describeConnectionStoreContract('in memory', async () => {
  const store = new InMemoryConnectionStore();
  return { store, peer: store };
});

onEveryDatabase((backend) => {
  const cipher = AesGcmSecretCipher.fromKey(randomBytes(32));
  describeConnectionStoreContract('knex', async () => {
    const store = new KnexConnectionStore(backend().knex, contractPrefix, cipher, new RecordingLogger());
    const peer = backend().peer === backend().knex ? store : new KnexConnectionStore(backend().peer, contractPrefix, cipher, new RecordingLogger());
    return { store, peer };
  });
});
