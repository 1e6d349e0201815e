import fc from 'fast-check';
import type { SecretCipher } from '../../src/application/ports/secret-cipher.port';

export interface SecretCipherFixture {
  readonly cipher: SecretCipher;
  /** The same store of keys after rotation: a new current key, the old one retired but known. */
  readonly rotated: SecretCipher;
  /** A cipher that has never heard of the first one's keys. */
  readonly stranger: SecretCipher;
}

export const describeSecretCipherContract = (name: string, makeFixture: () => SecretCipherFixture): void => {
  describe(`SecretCipher contract: ${name}`, () => {
    const f = makeFixture();

    it('opens what it sealed, for any text and associated data', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (secret, ad) => {
          const sealed = f.cipher.encrypt(secret, ad);
          expect(f.cipher.decrypt(sealed, ad)).toEqual({ ok: true, value: secret });
        }),
      );
    });

    it('never shows the plaintext and never seals a value twice the same way', () => {
      const a = f.cipher.encrypt('refresh-token-canary', 't1:r1');
      const b = f.cipher.encrypt('refresh-token-canary', 't1:r1');
      expect(a).not.toBe(b);
      expect(a).not.toContain('canary');
      expect(Buffer.from(a.split('.').slice(2).join(''), 'base64url').toString('latin1')).not.toContain('canary');
    });

    it('refuses a value moved to another tenant or realm', () => {
      const sealed = f.cipher.encrypt('secret', 'tenant-a:realm-1');
      expect(f.cipher.decrypt(sealed, 'tenant-b:realm-1')).toMatchObject({ ok: false, error: { kind: 'TamperedCiphertext' } });
      expect(f.cipher.decrypt(sealed, 'tenant-a:realm-2')).toMatchObject({ ok: false, error: { kind: 'TamperedCiphertext' } });
    });

    it('detects any altered character', () => {
      const sealed = f.cipher.encrypt('a secret worth keeping', 'ad');
      fc.assert(
        fc.property(fc.integer({ min: 0, max: sealed.length - 1 }), fc.constantFrom('A', 'b', '0', '_', '-'), (at, replacement) => {
          fc.pre(sealed[at] !== replacement && sealed[at] !== '.');
          const altered = sealed.slice(0, at) + replacement + sealed.slice(at + 1);
          const result = f.cipher.decrypt(altered, 'ad');
          // base64url's last character can carry unused bits: a change there may decode to the same bytes.
          if (result.ok) expect(result.value).toBe('a secret worth keeping');
          else expect(['TamperedCiphertext', 'MalformedCiphertext', 'UnknownKey']).toContain(result.error.kind);
        }),
      );
    });

    it('tells malformed values and unknown keys apart', () => {
      for (const junk of ['', 'plain text token', 'v1.a.b.c', 'v2.k.AAAA.AAAA.AAAA', 'v1.k.!!.??.##']) {
        expect(f.cipher.decrypt(junk, 'ad')).toMatchObject({ ok: false, error: { kind: 'MalformedCiphertext' } });
      }
      expect(f.stranger.decrypt(f.cipher.encrypt('x', 'ad'), 'ad')).toMatchObject({ ok: false, error: { kind: 'UnknownKey' } });
    });

    it('after rotation, opens old values, flags them stale, and seals new ones with the new key', () => {
      const old = f.cipher.encrypt('old secret', 'ad');
      expect(f.cipher.isStale(old)).toBe(false);
      expect(f.rotated.isStale(old)).toBe(true);
      expect(f.rotated.decrypt(old, 'ad')).toEqual({ ok: true, value: 'old secret' });
      const fresh = f.rotated.encrypt('new secret', 'ad');
      expect(f.rotated.isStale(fresh)).toBe(false);
      expect(f.cipher.decrypt(fresh, 'ad')).toMatchObject({ ok: false, error: { kind: 'UnknownKey' } });
    });
  });
};
