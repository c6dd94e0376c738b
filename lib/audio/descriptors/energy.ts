/**
 * An energy proxy on Spotify's 0–1 scale. Spotify describes `energy` as "a perceptual measure of
 * intensity and activity … energetic tracks feel fast, loud, and noisy", built from dynamic
 * range, perceived loudness, timbre, onset rate and entropy; the endpoint is closed, so this
 * proxy combines three measured quantities with fixed, documented weights:
 *
 *   energy = 0.5·L + 0.25·N + 0.25·A, each term clipped to [0, 1], where
 *   - L = (loudness + 35) / 30: integrated loudness, −35 LUFS → 0, −5 LUFS → 1;
 *   - N = spectral flatness / 0.1: noisiness (distorted guitars, cymbals, noise → high; a pure
 *     tone → 0; white noise's amplitude flatness is about 0.56, tonal music's 0.001–0.1);
 *   - A = mean onset strength / 2.5 dB: activity, how much new energy appears per frame (music
 *     typically 0.8–1.5 dB per 11.6 ms frame, steady tones 0).
 *
 * It is a transparent stand-in, not Spotify's model; compare it with the dataset's column where
 * both exist (notebook 03).
 *
 * @example
 * ```ts
 * import { energyProxy } from "./energy.ts";
 * console.log(energyProxy({ loudness: -8, spectralFlatness: 0.05, onsetStrength: 1.5 })); // 0.725
 * ```
 * @module
 */

/** The measured quantities the proxy combines. */
export interface EnergyInputs {
  /** Integrated loudness, LUFS. */
  loudness: number;
  /** Mean spectral flatness, 0–1. */
  spectralFlatness: number;
  /** Mean onset strength, dB per frame. */
  onsetStrength: number;
}

const clip01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** The energy proxy, 0–1 (definition in the module documentation). */
export function energyProxy(inputs: EnergyInputs): number {
  const l = clip01((inputs.loudness + 35) / 30);
  const n = clip01(inputs.spectralFlatness / 0.1);
  const a = clip01(inputs.onsetStrength / 2.5);
  return 0.5 * l + 0.25 * n + 0.25 * a;
}
