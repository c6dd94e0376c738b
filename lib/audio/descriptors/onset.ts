/**
 * Onset strength, as librosa's `onset.onset_strength` with its defaults: the mean over mel
 * bands of the positive part of the frame-to-frame increase of the dB mel spectrogram
 * (spectral flux on a log-mel scale). Frame t's value measures how much energy appears at t.
 *
 * @example
 * ```ts
 * import { onsetStrength } from "./onset.ts";
 * import { melSpectrogram, powerToDb } from "../spectrogram/mod.ts";
 * const db = powerToDb(melSpectrogram(new Float32Array(44_100), 44_100));
 * console.log(onsetStrength(db).length === db.frames); // true
 * ```
 * @module
 */
import type { Spectrogram } from "../spectrogram/types.ts";

/**
 * Onset strength envelope of a dB spectrogram: o[t] = mean_m max(0, S[m, t] − S[m, t−1]),
 * o[0] = 0. Units: dB per frame.
 */
export function onsetStrength(db: Spectrogram): Float64Array {
  const { rows, frames, data } = db;
  const out = new Float64Array(frames);
  for (let m = 0; m < rows; m++) {
    const base = m * frames;
    for (let t = 1; t < frames; t++) {
      const d = data[base + t] - data[base + t - 1];
      if (d > 0) out[t] += d;
    }
  }
  for (let t = 0; t < frames; t++) out[t] /= rows;
  return out;
}
