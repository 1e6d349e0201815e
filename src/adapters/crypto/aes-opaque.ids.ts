import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { opaqueIdPattern, type OpaqueIdKind, type OpaqueIds } from '../../application/ports/opaque-ids.port';
import { compositeKey } from '../../domain/shared/composite-key';
import { KeyProvider } from './key-provider';

const maxId = 2n ** 64n - 1n;

/**
 * One AES-256 block per id (a keyed permutation of 128 bits, so no IV and no padding are needed): 8 bytes binding the
 * tenant and kind, then the row id as an unsigned 64-bit number. Opening checks the binding, so a forged, altered or
 * foreign id opens nothing. The key is derived from the current encryption key; after a rotation, ids handed out
 * before it no longer open (the page reloads its list and gets new ones).
 */
@injectable()
export class AesOpaqueIds implements OpaqueIds {
  private readonly keys = new Map<string, Buffer>();

  constructor(@inject(KeyProvider) private readonly provider: KeyProvider) {}

  seal(tenantId: string, kind: OpaqueIdKind, id: string): string {
    if (!/^[0-9]{1,20}$/.test(id) || BigInt(id) > maxId) throw new Error(`Only row ids (digits) are sealed, not ${JSON.stringify(id.slice(0, 30))}.`);
    const key = this.key();
    const block = Buffer.alloc(16);
    this.binding(key, tenantId, kind).copy(block, 0);
    block.writeBigUInt64BE(BigInt(id), 8);
    const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
    return Buffer.concat([cipher.update(block), cipher.final()]).toString('base64url');
  }

  open(tenantId: string, kind: OpaqueIdKind, sealed: string): string | null {
    if (!opaqueIdPattern.test(sealed)) return null;
    const key = this.key();
    const decipher = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
    const block = Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]);
    if (!block.subarray(0, 8).equals(this.binding(key, tenantId, kind))) return null;
    return block.readBigUInt64BE(8).toString();
  }

  private binding(key: Buffer, tenantId: string, kind: OpaqueIdKind): Buffer {
    return createHmac('sha256', key).update(compositeKey([tenantId, kind])).digest().subarray(0, 8);
  }

  /** A key of its own, derived from the encryption key: a value sealed here can never be confused with a token. */
  private key(): Buffer {
    const keyId = this.provider.currentKeyId();
    let key = this.keys.get(keyId);
    if (!key) {
      const master = this.provider.keyById(keyId);
      if (!master) throw new Error(`The key provider does not know its own current key ${keyId}.`);
      key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'qbo-sync opaque ids v1', 32));
      this.keys.set(keyId, key);
    }
    return key;
  }
}
