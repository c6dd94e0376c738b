/**
 * Key and mode from a chroma vector, by the Krumhansl–Schmuckler method: the Pearson correlation
 * of the clip's chroma with the Krumhansl–Kessler major and minor key profiles rotated to each
 * of the 12 tonics; the best of the 24 wins. Pitch classes follow Spotify's `key` column:
 * 0 = C, 1 = C♯/D♭, …, 11 = B; mode 1 major, 0 minor.
 *
 * Audio chroma also carries each note's harmonics (the 3rd sounds a fifth up, the 5th a major
 * third up), which pulls the plain profiles towards the dominant key. Following Gómez (2006),
 * the profiles are therefore spread over the first six harmonics with weights 0.6^(h−1) before
 * the comparison (`harmonicDecay`; 0 uses the plain profiles).
 *
 * @example
 * ```ts
 * import { estimateKey } from "./key.ts";
 * // C, E and G strongest: C major
 * console.log(estimateKey([1, 0, 0.1, 0, 0.9, 0.1, 0, 0.9, 0, 0.1, 0, 0.1]).name); // "C major"
 * ```
 * @module
 */
import { pearson } from "../../data/stats.ts";

/** Krumhansl–Kessler probe-tone ratings of the 12 pitch classes in C major. */
export const MAJOR_PROFILE = [
  6.35,
  2.23,
  3.48,
  2.33,
  4.38,
  4.09,
  2.52,
  5.19,
  2.39,
  3.66,
  2.29,
  2.88,
];
/** Krumhansl–Kessler probe-tone ratings of the 12 pitch classes in C minor. */
export const MINOR_PROFILE = [
  6.33,
  2.68,
  3.52,
  5.38,
  2.6,
  3.53,
  2.54,
  4.75,
  3.98,
  2.69,
  3.34,
  3.17,
];

/** Pitch-class names, index = Spotify's key number. */
export const PITCH_CLASSES = ["C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"];

/** A key estimate. */
export interface KeyEstimate {
  /** Tonic pitch class 0–11 (C = 0); −1 when the chroma is flat (no key). */
  key: number;
  /** 1 major, 0 minor. */
  mode: number;
  /** Correlation of the best profile, −1–1. */
  confidence: number;
  /** Name such as "A minor". */
  name: string;
}

/** Options of {@link estimateKey}. */
export interface KeyOptions {
  /** Weight ratio of successive harmonics spread into the profiles; default 0.6, 0 = none. */
  harmonicDecay?: number;
}

/** A profile with each pitch class's weight spread over its first six harmonics. */
export function harmonicProfile(profile: readonly number[], decay: number): number[] {
  const out = new Array(12).fill(0);
  for (let pc = 0; pc < 12; pc++) {
    for (let h = 1; h <= 6; h++) {
      const offset = Math.round(12 * Math.log2(h)) % 12; // 0, 0, 7, 0, 4, 7 semitones
      out[(pc + offset) % 12] += profile[pc] * decay ** (h - 1);
    }
  }
  return out;
}

/**
 * The best-matching key of a 12-bin chroma vector (index 0 = C).
 *
 * @param chroma energy (or any non-negative weight) per pitch class
 */
export function estimateKey(chroma: ArrayLike<number>, options: KeyOptions = {}): KeyEstimate {
  if (chroma.length !== 12) {
    throw new RangeError(`estimateKey: expected 12 chroma bins, found ${chroma.length}`);
  }
  const c = Array.from(chroma);
  const spread = Math.max(...c) - Math.min(...c);
  if (!(spread > 1e-9 * Math.max(1e-30, Math.max(...c)))) {
    return { key: -1, mode: 1, confidence: 0, name: "none" };
  }
  const decay = options.harmonicDecay ?? 0.6;
  const major = decay > 0 ? harmonicProfile(MAJOR_PROFILE, decay) : MAJOR_PROFILE;
  const minor = decay > 0 ? harmonicProfile(MINOR_PROFILE, decay) : MINOR_PROFILE;
  let best = { key: -1, mode: 1, confidence: -Infinity };
  for (let tonic = 0; tonic < 12; tonic++) {
    for (const [mode, profile] of [[1, major], [0, minor]] as const) {
      const rotated = Array.from({ length: 12 }, (_, i) => profile[(i - tonic + 12) % 12]);
      const r = pearson(c, rotated) || 0; // a constant chroma correlates with nothing
      if (r > best.confidence) best = { key: tonic, mode, confidence: r };
    }
  }
  return { ...best, name: `${PITCH_CLASSES[best.key]} ${best.mode === 1 ? "major" : "minor"}` };
}
