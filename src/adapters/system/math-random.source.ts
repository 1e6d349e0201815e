import type { RandomSource } from '../../application/ports/random-source.port';

/** Retry jitter needs spread, not secrecy. */
export class MathRandomSource implements RandomSource {
  next(): number {
    return Math.random();
  }
}
