/**
 * The crop of a clip fed to the network: a fixed number of samples taken from the centre or at
 * a seeded random position (seed 004 of the paper used 10 s). A clip shorter than the crop is
 * centred in it and padded with zeros.
 *
 * @example
 * ```ts
 * import { cropSamples } from "./crop.ts";
 * const clip = new Float32Array(30 * 44_100);
 * console.log(cropSamples(clip, 10 * 44_100, { mode: "center" }).length); // 441000
 * ```
 * @module
 */
import { Rng } from "../../data/random.ts";

/** Where the crop is taken. */
export type CropMode = "center" | "random";

/** Options of {@link cropSamples}. */
export interface CropOptions {
  /** `center` (default) or `random`. */
  mode?: CropMode;
  /** Seed of the random position; default 0. The same seed gives the same crop. */
  seed?: number;
}

/**
 * The first sample of the crop.
 *
 * @param length clip length in samples
 * @param crop crop length in samples
 * @returns the start index, or a negative offset (−padding) when the clip is shorter
 */
export function cropStart(length: number, crop: number, options: CropOptions = {}): number {
  if (!Number.isInteger(crop) || crop < 1) {
    throw new RangeError(`crop: expected a positive number of samples, found ${crop}`);
  }
  const spare = length - crop;
  if (spare < 0) return -Math.floor(-spare / 2);
  if ((options.mode ?? "center") === "center") return Math.floor(spare / 2);
  return new Rng(options.seed ?? 0).int(0, spare + 1);
}

/**
 * Exactly `crop` samples of the clip: a view into it when it is long enough, otherwise a copy
 * centred in zeros.
 *
 * @param samples the clip
 * @param crop crop length in samples
 */
export function cropSamples(
  samples: Float32Array,
  crop: number,
  options: CropOptions = {},
): Float32Array {
  const start = cropStart(samples.length, crop, options);
  if (start >= 0) return samples.subarray(start, start + crop);
  const out = new Float32Array(crop);
  out.set(samples, -start);
  return out;
}
