/**
 * The spectrogram as an image, as the FMA classifier study fed it to its CNNs: a random 10-s crop
 * of each clip, its dB mel spectrogram at 102 rows (mel bands) × 159 columns (time), scaled to
 * [0, 1] over its own range (black = the quietest kept value, max − topDb; white = its loudest)
 * and given either as one grey channel (mono) or rendered through the viridis colour map as
 * three channels (RGB), row-major, channels last (index = (row·width + column)·channels + c).
 *
 * - {@link STUDY_INPUT}: the study's input size and crop;
 * - {@link studyAudioSettings}: the configuration's audio settings with the study's size and crop;
 * - {@link viridis}: matplotlib's viridis colour map at its 17 stops (as plotly ships it),
 *   linearly interpolated;
 * - {@link spectrogramImage}: a dB spectrogram → a 1- or 3-channel image in [0, 1].
 *
 * @example
 * ```ts
 * import { spectrogramImage } from "./image.ts";
 * const db = Float32Array.from({ length: 102 * 159 }, (_, i) => -80 + (i % 159) / 2);
 * const rgb = spectrogramImage(db, { channels: 3 }); // 102 × 159 × 3 values in [0, 1]
 * ```
 * @module
 */
import type { AudioConfig } from "./network_input.ts";

/** The study's input: 102 mel bands × 159 columns of a random 10-s crop. */
export const STUDY_INPUT: Readonly<
  { nMels: number; frames: number; cropSeconds: number; cropMode: "random" }
> = Object.freeze({
  nMels: 102,
  frames: 159,
  cropSeconds: 10,
  cropMode: "random" as const,
});

/** The configuration's audio settings with the study's input size and a random 10-s crop. */
export function studyAudioSettings(audio: AudioConfig): AudioConfig {
  return { ...audio, ...STUDY_INPUT };
}

/** Viridis stops: position in [0, 1] and sRGB colour (matplotlib's map, as plotly.js ships it). */
export const VIRIDIS_STOPS: readonly (readonly [number, string])[] = [
  [0, "#440154"],
  [16 / 255, "#48186a"],
  [32 / 255, "#472d7b"],
  [48 / 255, "#424086"],
  [64 / 255, "#3b528b"],
  [80 / 255, "#33638d"],
  [96 / 255, "#2c728e"],
  [112 / 255, "#26828e"],
  [128 / 255, "#21918c"],
  [144 / 255, "#1fa088"],
  [160 / 255, "#28ae80"],
  [176 / 255, "#3fbc73"],
  [192 / 255, "#5ec962"],
  [208 / 255, "#84d44b"],
  [224 / 255, "#addc30"],
  [240 / 255, "#d8e219"],
  [1, "#fde725"],
];

const STOP_RGB = VIRIDIS_STOPS.map(([, hex]) =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
);

/**
 * The viridis colour of `t` ∈ [0, 1] (clamped; NaN reads as 0) as [r, g, b] in [0, 1], linearly
 * interpolated between the map's stops.
 */
export function viridis(t: number): [number, number, number] {
  const x = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t));
  let k = 1;
  while (k < VIRIDIS_STOPS.length - 1 && VIRIDIS_STOPS[k][0] < x) k++;
  const [p0] = VIRIDIS_STOPS[k - 1], [p1] = VIRIDIS_STOPS[k];
  const w = (x - p0) / (p1 - p0);
  const a = STOP_RGB[k - 1], b = STOP_RGB[k];
  return [a[0] + w * (b[0] - a[0]), a[1] + w * (b[1] - a[1]), a[2] + w * (b[2] - a[2])];
}

/** Options of {@link spectrogramImage}. */
export interface SpectrogramImageOptions {
  /** 1: grey levels (mono); 3: the viridis colour map (RGB). Default 1. */
  channels?: 1 | 3;
}

/**
 * A dB spectrogram (any layout of values; the image keeps it) as an image in [0, 1]: each value
 * scaled by the spectrogram's own minimum and maximum, then grey (1 channel) or viridis (3
 * channels, interleaved). A constant spectrogram gives zeros.
 */
export function spectrogramImage(
  db: Float32Array,
  options: SpectrogramImageOptions = {},
): Float32Array {
  const channels = options.channels ?? 1;
  if (channels !== 1 && channels !== 3) {
    throw new RangeError(`spectrogramImage: channels must be 1 or 3, found ${channels}`);
  }
  let lo = Infinity, hi = -Infinity;
  for (const v of db) {
    if (!Number.isFinite(v)) {
      throw new RangeError(`spectrogramImage: expected finite dB values, found ${v}`);
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const scale = hi > lo ? 1 / (hi - lo) : 0;
  const out = new Float32Array(db.length * channels);
  for (let i = 0; i < db.length; i++) {
    const t = (db[i] - lo) * scale;
    if (channels === 1) out[i] = t;
    else out.set(viridis(t), i * 3);
  }
  return out;
}
