/**
 * A pure, fast 128-bit string hash (cyrb128), hex-encoded. Not cryptographic: it tells apart versions of a
 * record's fields for change detection and request ids, where the inputs are not chosen by an adversary.
 */
// Hex through a byte table: toString(16) and padStart cost more than the hashing itself (measured).
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex8 = (h: number): string =>
  (BYTE_HEX[(h >>> 24) & 255] as string) + (BYTE_HEX[(h >>> 16) & 255] as string) + (BYTE_HEX[(h >>> 8) & 255] as string) + (BYTE_HEX[h & 255] as string);

export const hash128 = (text: string): string => {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return hex8(h1) + hex8(h2) + hex8(h3) + hex8(h4);
};
