/**
 * Gathering a batch of windows into the time-major arrays the layers read: inputs
 * `[lookback·batch, features]` (step t of every window is one block of rows), targets
 * `[batch, outputs]` and, for the multi-input model, the windows' songs' metadata
 * `[batch, metadata]`.
 *
 * @example
 * ```ts
 * import { gatherInputs } from "./batch.ts";
 * // gatherInputs(windows, order, 0, 32, x); // x holds 32 windows, time-major
 * ```
 * @module
 */
import type { SeriesWindows } from "../../data/charts/windows.ts";

/** Windows and, for a multi-input model, the metadata of every song (songs × features). */
export interface ForecastInputs {
  /** The windows to predict from, over the scaled table. */
  windows: SeriesWindows;
  /** Row-major songs × metadata features (see `songMetadata`); needed by multi-input models. */
  metadata?: Float32Array | null;
}

/** Fills `x` with windows `order[start … start+count)`, time-major: x[(t·count + i)·F + f]. */
export function gatherInputs(
  w: SeriesWindows,
  order: ArrayLike<number>,
  start: number,
  count: number,
  x: Float32Array,
): void {
  const F = w.features, L = w.lookback;
  for (let i = 0; i < count; i++) {
    const k = order[start + i];
    const base = w.series[k] * w.seriesStride + (w.targetDays[k] - L) * w.dayStride;
    for (let t = 0; t < L; t++) {
      const src = base + t * w.dayStride;
      const dst = (t * count + i) * F;
      if (w.featureStride === 1) x.set(w.data.subarray(src, src + F), dst);
      else for (let f = 0; f < F; f++) x[dst + f] = w.data[src + f * w.featureStride];
    }
  }
}

/** Fills `y` with the targets of windows `order[start … start+count)`: y[i·O + o]. */
export function gatherTargets(
  w: SeriesWindows,
  order: ArrayLike<number>,
  start: number,
  count: number,
  y: Float32Array,
): void {
  const O = w.outputs;
  for (let i = 0; i < count; i++) {
    const k = order[start + i];
    const base = w.series[k] * w.seriesStride + w.targetDays[k] * w.dayStride;
    for (let o = 0; o < O; o++) y[i * O + o] = w.data[base + o * w.featureStride];
  }
}

/** Fills `out` with the metadata rows of the windows' songs: out[i·M + m]. */
export function gatherMetadata(
  w: SeriesWindows,
  metadata: Float32Array,
  features: number,
  order: ArrayLike<number>,
  start: number,
  count: number,
  out: Float32Array,
): void {
  for (let i = 0; i < count; i++) {
    const song = w.series[order[start + i]];
    out.set(metadata.subarray(song * features, (song + 1) * features), i * features);
  }
}
