/**
 * Sliding windows over the scaled songs × days table, in seed 003's two shapes:
 *
 * - **multivariate** ({@link multivariateWindows}): all songs as one series; a window is
 *   `lookback` days of every song, `[lookback, songs]`, and its target is every song's count on
 *   the next day — a batch is `[batch, lookback, songs]` → `[batch, songs]`;
 * - **per song** ({@link perSongWindows}): one window per song and target day,
 *   `[lookback, 1]` → `[1]` — a batch is `[batch, lookback, 1]` → `[batch, 1]`.
 *
 * Windows are views, not copies: a window is a (series, target day) pair over the shared scaled
 * table, read through strides; {@link windowInputs} and {@link windowTargets} materialise the
 * arrays when a caller wants them. The inputs of the window for target day t are days
 * t − lookback … t − 1.
 *
 * @example
 * ```ts
 * import { multivariateWindows, windowInputs } from "./windows.ts";
 * const scaled = { values: new Float32Array(3 * 30), songs: 3, days: 30 };
 * const w = multivariateWindows(scaled, { lookback: 7, targetDays: Int32Array.of(7, 8, 9) });
 * console.log(windowInputs(w).shape); // [3, 7, 3]
 * ```
 * @module
 */
import { StreamSeriesError } from "./errors.ts";

/** A scaled songs × days table: `values[song * days + day]`. */
export interface ScaledSeries {
  /** Row-major scaled values, `songs * days` long. */
  values: Float32Array;
  /** Rows of the table. */
  songs: number;
  /** Columns of the table, in day order. */
  days: number;
}

/** The two window shapes. */
export type WindowShape = "multivariate" | "per-song";

/** Windows over a scaled table (see the module's description). */
export interface SeriesWindows {
  /** Multivariate (all songs per window) or per song (one song per window). */
  shape: WindowShape;
  /** The scaled table (shared, not copied). */
  data: Float32Array;
  /** Songs and days of the table. */
  songs: number;
  /** Days of the table (columns). */
  days: number;
  /** Days of input per window. */
  lookback: number;
  /** Input values per day: the number of songs (multivariate) or 1 (per song). */
  features: number;
  /** Target values per window: equal to `features`. */
  outputs: number;
  /** Per window, the song it belongs to (per song), or 0 (multivariate: all songs). */
  series: Int32Array;
  /** Per window, the day it predicts. */
  targetDays: Int32Array;
  /** Element offset of (series, day, feature): series·seriesStride + day·dayStride + feature·featureStride. */
  seriesStride: number;
  /** Element step from one day to the next in `data`. */
  dayStride: number;
  /** Element step from one feature (song) to the next in `data`. */
  featureStride: number;
}

/** Options of the window builders. */
export interface WindowOptions {
  /** Days of history per window (≥ 1). */
  lookback: number;
  /** Target days, each ≥ lookback and < days (see `targetDays` in chronological.ts). */
  targetDays: Int32Array;
}

/** A materialised array with its shape (row-major). */
export interface ShapedArray {
  /** Dimensions, outermost first; their product is `data.length`. */
  shape: number[];
  /** The values, row-major. */
  data: Float32Array;
}

function check(series: ScaledSeries, options: WindowOptions) {
  const { lookback, targetDays } = options;
  if (series.values.length !== series.songs * series.days) {
    throw new StreamSeriesError(
      `expected ${series.songs} × ${series.days} = ${
        series.songs * series.days
      } values; found ${series.values.length}`,
    );
  }
  if (!(Number.isInteger(lookback) && lookback >= 1)) {
    throw new StreamSeriesError(`lookback must be a whole number of days ≥ 1; found ${lookback}`);
  }
  for (const t of targetDays) {
    if (t < lookback || t >= series.days) {
      throw new StreamSeriesError(
        `target day ${t} needs ${lookback} days before it inside the series of ${series.days} days`,
      );
    }
  }
}

/** All songs as one multivariate series: windows `[lookback, songs]` → `[songs]`. */
export function multivariateWindows(series: ScaledSeries, options: WindowOptions): SeriesWindows {
  check(series, options);
  return {
    shape: "multivariate",
    data: series.values,
    songs: series.songs,
    days: series.days,
    lookback: options.lookback,
    features: series.songs,
    outputs: series.songs,
    series: new Int32Array(options.targetDays.length),
    targetDays: options.targetDays.slice(),
    seriesStride: 0,
    dayStride: 1,
    featureStride: series.days,
  };
}

/**
 * One window per song and target day: `[lookback, 1]` → `[1]`, ordered by target day, then
 * song (so a day's windows are adjacent).
 */
export function perSongWindows(series: ScaledSeries, options: WindowOptions): SeriesWindows {
  check(series, options);
  const n = options.targetDays.length * series.songs;
  const songOf = new Int32Array(n);
  const dayOf = new Int32Array(n);
  let i = 0;
  for (const t of options.targetDays) {
    for (let s = 0; s < series.songs; s++, i++) {
      songOf[i] = s;
      dayOf[i] = t;
    }
  }
  return {
    shape: "per-song",
    data: series.values,
    songs: series.songs,
    days: series.days,
    lookback: options.lookback,
    features: 1,
    outputs: 1,
    series: songOf,
    targetDays: dayOf,
    seriesStride: series.days,
    dayStride: 1,
    featureStride: 0,
  };
}

/** Number of windows. */
export function windowCount(w: SeriesWindows): number {
  return w.targetDays.length;
}

/** The inputs of every window as `[windows, lookback, features]`. */
export function windowInputs(w: SeriesWindows): ShapedArray {
  const n = windowCount(w);
  const data = new Float32Array(n * w.lookback * w.features);
  let o = 0;
  for (let i = 0; i < n; i++) {
    const base = w.series[i] * w.seriesStride;
    for (let t = w.targetDays[i] - w.lookback; t < w.targetDays[i]; t++) {
      for (let f = 0; f < w.features; f++) {
        data[o++] = w.data[base + t * w.dayStride + f * w.featureStride];
      }
    }
  }
  return { shape: [n, w.lookback, w.features], data };
}

/** The targets of every window as `[windows, outputs]`. */
export function windowTargets(w: SeriesWindows): ShapedArray {
  const n = windowCount(w);
  const data = new Float32Array(n * w.outputs);
  for (let i = 0; i < n; i++) {
    const base = w.series[i] * w.seriesStride + w.targetDays[i] * w.dayStride;
    for (let f = 0; f < w.outputs; f++) {
      data[i * w.outputs + f] = w.data[base + f * w.featureStride];
    }
  }
  return { shape: [n, w.outputs], data };
}

/**
 * Song and day of every target value, in the order of {@link windowTargets}' data (and of a
 * model's predictions): `[windows × outputs]` entries.
 */
export function windowTargetIndex(w: SeriesWindows): { song: Int32Array; day: Int32Array } {
  const n = windowCount(w);
  const song = new Int32Array(n * w.outputs);
  const day = new Int32Array(n * w.outputs);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < w.outputs; f++) {
      song[i * w.outputs + f] = w.shape === "multivariate" ? f : w.series[i];
      day[i * w.outputs + f] = w.targetDays[i];
    }
  }
  return { song, day };
}

/** The days a window reads, inputs and target: [targetDay − lookback, targetDay]. */
export function windowDays(w: SeriesWindows, i: number): [number, number] {
  return [w.targetDays[i] - w.lookback, w.targetDays[i]];
}
