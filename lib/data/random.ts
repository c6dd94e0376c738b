/**
 * Seeded pseudo-random numbers for everything the workspace draws (splits, shuffles): the same
 * seed gives the same sequence on every machine and run. Mulberry32: 32-bit state, period 2^32,
 * fast and good enough for sampling (not for cryptography).
 *
 * @example
 * ```ts
 * import { Random } from "./random.ts";
 * const rng = new Random(42);
 * rng.shuffle([1, 2, 3, 4]);
 * ```
 * @module
 */

/** A seeded generator; every method advances the same stream. */
export class Random {
  #state: number;

  /** @param seed any integer; equal seeds give equal streams. */
  constructor(seed: number) {
    this.#state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
