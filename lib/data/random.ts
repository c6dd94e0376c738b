/**
 * Seeded pseudo-random numbers for everything the workspace draws (corpus synthesis, splits, shuffles): mulberry32 for the stream of
 * 32-bit values, a splitmix32 hash to derive independent sub-streams from a seed and labels.
 * Pure integer arithmetic, so the same seed gives the same numbers on every run and platform.
 *
 * @example
 * ```ts
 * import { Rng } from "./random.ts";
 * const rng = new Rng(42);
 * const tempo = rng.uniform(90, 130); // BPM
 * const clip = rng.fork("track", 7); // independent of how many draws `rng` has made
 * console.log(tempo, clip.normal(0, 1), clip.int(0, 12), clip.choice(["pop", "rock"]));
 * ```
 * @module
 */

/**
 * splitmix32 finaliser: mixes a 32-bit integer into a well-spread 32-bit integer.
 *
 * @param x any integer (taken modulo 2³²)
 * @returns an unsigned 32-bit integer
 */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Derives a 32-bit seed from a seed and labels (strings or integers), so that each part of the
 * corpus (an artist, a track's clip, its stream series) draws from its own stream.
 *
 * @param seed the base seed (any integer)
 * @param labels names and indices identifying the sub-stream
 * @returns an unsigned 32-bit seed
 */
export function deriveSeed(seed: number, ...labels: readonly (string | number)[]): number {
  let h = mix32(seed >>> 0 ^ Math.floor(seed / 0x100000000));
  for (const label of labels) {
    if (typeof label === "number") h = mix32(h ^ mix32(label | 0));
    else {
      for (let i = 0; i < label.length; i++) h = mix32(h ^ label.charCodeAt(i));
      h = mix32(h ^ label.length);
    }
  }
  return h;
}

/** A seeded generator (mulberry32): uniform, normal, integer, choice and shuffle draws. */
export class Rng {
  #state: number;
  #spareNormal: number | null = null;

  /**
   * Starts a generator.
   *
   * @param seed any integer; equal seeds give equal sequences
   */
  constructor(seed: number) {
    this.#state = deriveSeed(seed);
  }

  /** The next value in [0, 1), with 32 bits of resolution. */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * A uniform draw in [lo, hi).
   *
   * @param lo lower bound (inclusive), default 0
   * @param hi upper bound (exclusive), default 1
   */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /**
   * A normal draw (Box–Muller; the second value of each pair is kept for the next call).
   *
   * @param mean the mean, default 0
   * @param sd the standard deviation, default 1
   */
  normal(mean = 0, sd = 1): number {
    if (this.#spareNormal !== null) {
      const z = this.#spareNormal;
      this.#spareNormal = null;
      return mean + sd * z;
    }
    const u1 = 1 - this.next(); // in (0, 1], so the log is finite
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.#spareNormal = r * Math.sin(2 * Math.PI * u2);
    return mean + sd * r * Math.cos(2 * Math.PI * u2);
  }

  /**
   * A uniform integer in [lo, hi) (upper bound exclusive, like `Array.slice`).
   *
   * @param lo smallest value
   * @param hi one past the largest value; must exceed `lo`
   */
  int(lo: number, hi: number): number {
    if (!(hi > lo)) throw new RangeError(`Rng.int: expected hi > lo, found lo=${lo}, hi=${hi}`);
    return lo + Math.floor(this.next() * (hi - lo));
  }

  /** True with probability `p` (0–1). */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /**
   * One element drawn uniformly, or by `weights` (non-negative, not all zero) when given.
   *
   * @param items the candidates; must not be empty
   * @param weights optional relative weights, one per item
   */
  choice<T>(items: readonly T[], weights?: readonly number[]): T {
    if (items.length === 0) throw new RangeError("Rng.choice: expected a non-empty array");
    if (!weights) return items[this.int(0, items.length)];
    const total = weights.reduce((a, b) => a + b, 0);
    let u = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      u -= weights[i];
      if (u < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /**
   * A shuffled copy (Fisher–Yates); the input is left untouched.
   *
   * @param items the elements to permute
   */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /**
   * An independent generator for a labelled sub-stream: depends on this generator's current
   * state and the labels, not on draws made afterwards.
   *
   * @param labels names and indices identifying the sub-stream
   */
  fork(...labels: readonly (string | number)[]): Rng {
    return new Rng(deriveSeed(this.#state, ...labels));
  }
}
