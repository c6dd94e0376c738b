/**
 * The fixed-size input of the CNN: a [nMels × frames] dB mel spectrogram of a crop of the clip.
 *
 * (From a file: {@link networkInputFromFile} in from_file.ts.)
 *
 * Steps: (resample to `sampleRate` when the signal's rate differs) → crop `cropSeconds` from the
 * centre or at a seeded random position (zero-padded when the clip is shorter) → mel power
 * spectrogram with librosa's conventions → time pooling to `frames` columns by the mean power
 * over equal spans → power_to_db (ref 1, amin 1e-10, floor at max − topDb).
 *
 * Normalisation: none. Values are raw dB re 1 (a full-scale signal's loudest bands sit around
 * +20 to +40 dB with Slaney-normalised filters and n_fft 2048), within [max − topDb, max] of
 * each input; the model decides how to scale them.
 *
 * Layout: row-major, index = mel·frames + t, mel 0 the lowest band, t 0 the earliest column.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { networkInput } from "./network_input.ts";
 * const audio = loadConfig().audio;
 * const x = networkInput(new Float32Array(44_100 * 12).fill(0.1), 44_100, { ...audio, seed: 3 });
 * console.log(x.length === audio.nMels * audio.frames); // true
 * ```
 * @module
 */
import type { Config } from "../../config.ts";
import { PAPER_SETTINGS } from "../../paper.ts";
import { resample, resamplePoly } from "../decode/resample.ts";
import { powerToDbInPlace } from "../spectrogram/db.ts";
import { SPECTROGRAM_DEFAULTS, type SpectrogramOptions } from "../spectrogram/defaults.ts";
import { melSpectrogram } from "../spectrogram/mel_spectrogram.ts";
import { type CropMode, cropSamples, cropStart } from "./crop.ts";
import { timePool } from "./time_pool.ts";

/** The audio section of the configuration (lib/config.ts). */
export type AudioConfig = Config["audio"];

/**
 * Options of {@link networkInput}: the configuration's audio fields (all optional, defaults as
 * in {@link NETWORK_INPUT_DEFAULTS}) plus the seed of a random crop. `config.audio` can be passed
 * as is.
 */
export interface NetworkInputOptions extends Partial<SpectrogramOptions> {
  /** Rate in Hz the signal is resampled to first when it differs; default: the signal's own. */
  sampleRate?: number;
  /** Crop length in seconds; default 10. */
  cropSeconds?: number;
  /** `center` (default) or `random`. */
  cropMode?: CropMode;
  /** Width in columns after time pooling; default 128. */
  frames?: number;
  /** Seed of the random crop position; default 0. Ignored for `center`. */
  seed?: number;
}

/** Defaults of {@link networkInput}: librosa's spectrogram, a 10 s centre crop, 128 columns. */
export const NETWORK_INPUT_DEFAULTS: Readonly<
  SpectrogramOptions & { cropSeconds: number; cropMode: CropMode; frames: number; seed: number }
> = Object.freeze({
  ...SPECTROGRAM_DEFAULTS,
  cropSeconds: PAPER_SETTINGS.audio.cropSeconds,
  cropMode: "center" as CropMode,
  frames: PAPER_SETTINGS.audio.frames,
  seed: 0,
});

/** Shape of the network input for these options: [nMels, frames]. */
export function networkInputShape(options: NetworkInputOptions = {}): [number, number] {
  return [
    options.nMels ?? NETWORK_INPUT_DEFAULTS.nMels,
    options.frames ?? NETWORK_INPUT_DEFAULTS.frames,
  ];
}

/**
 * The network input of a mono signal.
 *
 * @param samples mono signal, full scale = 1
 * @param sampleRate its rate in Hz
 * @param options spectrogram, crop and pooling parameters (see {@link NetworkInputOptions})
 * @returns [nMels × frames] dB values, row-major (index = mel·frames + t)
 */
export function networkInput(
  samples: Float32Array,
  sampleRate: number,
  options: NetworkInputOptions = {},
): Float32Array {
  const o = { ...NETWORK_INPUT_DEFAULTS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (o as Record<string, unknown>)[key] = value;
  }
  let rate = sampleRate;
  let signal = samples;
  if (options.sampleRate !== undefined && options.sampleRate !== sampleRate) {
    signal = resample(samples, sampleRate, options.sampleRate);
    rate = options.sampleRate;
  }
  if (!(o.cropSeconds > 0)) {
    throw new RangeError(`networkInput: expected cropSeconds > 0, found ${o.cropSeconds}`);
  }
  const crop = cropSamples(signal, Math.max(1, Math.round(o.cropSeconds * rate)), {
    mode: o.cropMode,
    seed: o.seed,
  });
  const mel = melSpectrogram(crop, rate, o);
  const pooled = timePool(mel.data, mel.rows, mel.frames, o.frames);
  powerToDbInPlace(pooled, { ref: o.ref, amin: o.amin, topDb: o.topDb });
  return Float32Array.from(pooled);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * {@link networkInput} of a signal at another rate than `audio.sampleRate`, resampling only the
 * crop (plus the filter's reach) instead of the whole clip: the same values as resampling the
 * whole clip and then calling {@link networkInput}, at a third of the cost for a 10 s crop of a
 * 30 s clip.
 *
 * @param samples mono signal at `sampleRate`
 * @param sampleRate its rate in Hz (an integer)
 * @param audio the configuration's audio section (target rate, crop, spectrogram)
 * @param seed seed of a random crop
 */
export function networkInputResampled(
  samples: Float32Array,
  sampleRate: number,
  audio: AudioConfig,
  seed = 0,
): Float32Array {
  const rate = audio.sampleRate;
  if (sampleRate === rate) return networkInput(samples, rate, { ...audio, seed });
  const g = gcd(sampleRate, rate);
  const up = rate / g, down = sampleRate / g;
  const total = Math.ceil((samples.length * up) / down);
  const crop = Math.max(1, Math.round(audio.cropSeconds * rate));
  const start = cropStart(total, crop, { mode: audio.cropMode, seed });
  const resampled = start >= 0
    ? resamplePoly(samples, up, down, { from: start, to: start + crop })
    : resample(samples, sampleRate, rate);
  // the crop is now exactly `crop` samples long (or shorter), so networkInput takes all of it
  return networkInput(resampled, rate, { ...audio, seed });
}
