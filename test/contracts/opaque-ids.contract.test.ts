import { AesOpaqueIds } from '../../src/adapters/crypto/aes-opaque.ids';
import { StaticKeyProvider } from '../../src/adapters/crypto/key-provider';
import { InMemoryOpaqueIds } from '../../src/adapters/memory/in-memory-opaque.ids';
import { describeOpaqueIdsContract } from './opaque-ids.contract';

describeOpaqueIdsContract('AES with a key derived from the encryption key', () => new AesOpaqueIds(new StaticKeyProvider(Buffer.alloc(32, 7))));
describeOpaqueIdsContract('in memory', () => new InMemoryOpaqueIds());

describe('AesOpaqueIds', () => {
  it('names ids differently under another encryption key, and opens none of the old names after a rotation', () => {
    const before = new AesOpaqueIds(new StaticKeyProvider(Buffer.alloc(32, 7)));
    const after = new AesOpaqueIds(new StaticKeyProvider(Buffer.alloc(32, 8), [Buffer.alloc(32, 7)]));
    const sealed = before.seal('t', 'activity', '12');
    expect(after.seal('t', 'activity', '12')).not.toBe(sealed);
    expect(after.open('t', 'activity', sealed)).toBeNull();
  });
});
