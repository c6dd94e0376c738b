/**
 * A prepared table made ready for the models in one step ({@link forecastSeries}): the
 * chronological split, the per-song scaler fitted on the training days only, and the scaled
 * table the windows read; {@link forecastWindows} then gives any part's windows in either shape
 * for any lookback — every lookback shares the same split, so their test days are the same.
 *
 * @example
 * ```ts
 * import { forecastSeries, forecastWindows } from "./series.ts";
 * // const series = forecastSeries(prepared, { testFraction: 0.2, validationFraction: 0.2 });
 * // const train = forecastWindows(series, { shape: "multivariate", part: "train", lookback: 14 });
 * ```
 * @module
 */
import {
  type ChronologicalSplit,
  chronologicalSplit,
  type SplitPart,
  targetDays,
} from "./chronological.ts";
import type { PreparedStreams } from "./gaps.ts";
import { fitSongScaler, scaleTable, type Scaling, type SongScaler } from "./scale.ts";
import {
  multivariateWindows,
  perSongWindows,
  type ScaledSeries,
  type SeriesWindows,
  type WindowShape,
} from "./windows.ts";

/** A prepared table with its split, its training-fitted scaler and the scaled values. */
export interface ForecastSeries {
  /** The gap-filled songs × days table, each cell's status and the gap report. */
  prepared: PreparedStreams;
  /** The chronological train / validation / test day ranges. */
  split: ChronologicalSplit;
  /** The per-song scaler, fitted on the training days only. */
  scaler: SongScaler;
  /** The prepared table after scaling, songs × days. */
  scaled: ScaledSeries;
}

/** Options of {@link forecastSeries}. */
export interface ForecastSeriesOptions {
  /** Share of the days held out at the end for testing; default 0.2. */
  testFraction?: number;
  /** Share of the remaining days, at their end, for validation; default 0.2. */
  validationFraction?: number;
  /** Per-song scaling; default `minmax` (seed 003). */
  scaling?: Scaling;
}

/** Splits the days, fits the scaler on the training days [0, validationStart) and scales. */
export function forecastSeries(
  prepared: PreparedStreams,
  options: ForecastSeriesOptions = {},
): ForecastSeries {
  const days = prepared.table.dates.length;
  const split = chronologicalSplit(days, options);
  const scaler = fitSongScaler(prepared.table, {
    kind: options.scaling ?? "minmax",
    fitDays: split.validationStart,
  });
  return {
    prepared,
    split,
    scaler,
    scaled: {
      values: scaleTable(prepared.table, scaler),
      songs: prepared.table.trackIds.length,
      days,
    },
  };
}

/** Which windows {@link forecastWindows} builds. */
export interface ForecastWindowRequest {
  /** Multivariate (one window over all songs) or per song. */
  shape: WindowShape;
  /** Which part's days the windows predict. */
  part: SplitPart;
  /** Days of history per window. */
  lookback: number;
}

/** The windows of one part of the split, in one shape, for one lookback. */
export function forecastWindows(
  series: ForecastSeries,
  request: ForecastWindowRequest,
): SeriesWindows {
  const days = targetDays(series.split, request.part, request.lookback);
  const build = request.shape === "multivariate" ? multivariateWindows : perSongWindows;
  return build(series.scaled, { lookback: request.lookback, targetDays: days });
}
