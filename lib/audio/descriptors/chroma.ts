/**
 * A high-resolution chroma for key finding: the clip's mean STFT magnitude with an 8192-sample
 * frame (5.4 Hz bins at 44.1 kHz, fine enough to separate semitones down to about 100 Hz),
 * each bin between `fmin` and `fmax` split between its two nearest equal-tempered pitches
 * (A4 = 440 Hz) in proportion to its distance from them, summed per pitch class.
 *
 * meyda's chroma (in descriptors.ts) uses the descriptor frame of 2048 samples, whose 21.5 Hz
 * bins are wider than a semitone below about 350 Hz; it is kept as a descriptor, while the key
 * estimate reads this one.
 *
 * @example
 * ```ts
 * import { pitchClassProfile } from "./chroma.ts";
 * const y = Float32Array.from({ length: 44_100 }, (_, i) => Math.sin(2 * Math.PI * 261.63 * i / 44_100));
 * console.log(pitchClassProfile(y, 44_100).indexOf(1)); // 0 (C)
 * ```
 * @module
 */
import { forEachFrame } from "../spectrogram/stft.ts";
import { resolveSpectrogramOptions } from "../spectrogram/defaults.ts";

/** Options of {@link pitchClassProfile}. */
export interface PitchClassOptions {
  /** Frame length in samples; default 8192. */
  nFft?: number;
  /** Hop in samples; default 4096. */
  hopLength?: number;
  /** Lowest frequency counted, Hz; default 60. */
  fmin?: number;
  /** Highest frequency counted, Hz; default 5000. */
  fmax?: number;
}

/**
 * The clip's pitch-class profile, 12 values from C, scaled so the largest is 1 (all zeros for
 * silence).
 *
 * @param samples mono signal
 * @param sampleRate its rate in Hz
 */
export function pitchClassProfile(
  samples: Float32Array,
  sampleRate: number,
  options: PitchClassOptions = {},
): Float64Array {
  const nFft = options.nFft ?? 8192;
  const o = resolveSpectrogramOptions(
    { nFft, hopLength: options.hopLength ?? nFft / 2, power: 1 },
    sampleRate,
  );
  const bins = Math.floor(nFft / 2) + 1;
  const mean = new Float64Array(bins);
  const frames = forEachFrame(samples, o, (_, s) => {
    for (let k = 0; k < bins; k++) mean[k] += s[k];
  });
  const out = new Float64Array(12);
  if (frames === 0) return out;
  const fmin = options.fmin ?? 60, fmax = Math.min(options.fmax ?? 5000, sampleRate / 2);
  for (let k = 1; k < bins; k++) {
    const f = (k * sampleRate) / nFft;
    if (f < fmin || f > fmax) continue;
    const midi = 69 + 12 * Math.log2(f / 440);
    const lo = Math.floor(midi), frac = midi - lo;
    out[((lo % 12) + 12) % 12] += mean[k] * (1 - frac);
    out[(((lo + 1) % 12) + 12) % 12] += mean[k] * frac;
  }
  const max = Math.max(...out);
  if (max > 0) { for (let i = 0; i < 12; i++) out[i] /= max; }
  return out;
}
