/**
 * A pure, fast 128-bit string hash (cyrb128), hex-encoded. Not cryptographic: it tells apart versions of a
 * record's fields for change detection and request ids, where the inputs are not chosen by an adversary.
 */
// Hex through a byte table: toString(16) and padStart cost more than the hashing itself (measured).
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex8 = (h: number): string =>
  (BYTE_HEX[(h >>> 24) & 255] as string) + (BYTE_HEX[(h >>> 16) & 255] as string) + (BYTE_HEX[(h >>> 8) & 255] as string) + (BYTE_HEX[h & 255] as string);

/**
 * cyrb128 fed a piece at a time: feeding "ab" then "c" gives the digest of "abc". Lets a caller hash a text it
 * never builds (the canonical JSON of a record, ADR 0093).
 */
export class Hash128 {
  private h1 = 1779033703;
  private h2 = 3144134277;
  private h3 = 1013904242;
  private h4 = 2773480762;

  feed(text: string): void {
    // Locals in the loop: four property writes per character would cost more than the mixing.
    let { h1, h2, h3, h4 } = this;
    for (let i = 0; i < text.length; i++) {
      const k = text.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    this.h4 = h4;
  }

  /** `feed` of one UTF-16 unit (a quote, a comma, a bracket) without a loop. */
  feedUnit(k: number): void {
    this.h1 = this.h2 ^ Math.imul(this.h1 ^ k, 597399067);
    this.h2 = this.h3 ^ Math.imul(this.h2 ^ k, 2869860233);
    this.h3 = this.h4 ^ Math.imul(this.h3 ^ k, 951274213);
    this.h4 = this.h1 ^ Math.imul(this.h4 ^ k, 2716044179);
  }

  digest(): string {
    let h1 = Math.imul(this.h3 ^ (this.h1 >>> 18), 597399067);
    const h2 = Math.imul(this.h4 ^ (this.h2 >>> 22), 2869860233);
    const h3 = Math.imul(h1 ^ (this.h3 >>> 17), 951274213);
    const h4 = Math.imul(h2 ^ (this.h4 >>> 19), 2716044179);
    h1 ^= h2 ^ h3 ^ h4;
    return hex8(h1) + hex8(h2 ^ h1) + hex8(h3 ^ h1) + hex8(h4 ^ h1);
  }
}

export const hash128 = (text: string): string => {
  const hash = new Hash128();
  hash.feed(text);
  return hash.digest();
};
