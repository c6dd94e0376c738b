/**
 * Errors of a forecast in streams ({@link scoreForecast}): MSE, RMSE and MAE (the workspace's
 * metrics, ../metrics.ts) over the target days whose count was observed — interpolated and
 * filled days are not scored, since their "truth" is itself an estimate.
 *
 * @example
 * ```ts
 * import { scoreForecast } from "./errors.ts";
 * // const { rmse, targets } = scoreForecast(prepared, lstm.test);
 * ```
 * @module
 */
import { DAY_STATUS, type PreparedStreams } from "../../data/charts/gaps.ts";
import type { StreamPredictions } from "../../model/forecast/experiment.ts";
import { mae, mse } from "../metrics.ts";

/** Errors in streams (MSE in streams²) and how many target values were scored. */
export interface ForecastScore {
  /** Mean squared error, in streams². */
  mse: number;
  /** Root mean squared error, in streams. */
  rmse: number;
  /** Mean absolute error, in streams. */
  mae: number;
  /** Target values scored (observed song-days). */
  targets: number;
}

/** Options of {@link scoreForecast}. */
export interface ScoreOptions {
  /** Score only observed target days (default true); false scores every prepared value. */
  observedOnly?: boolean;
}

/** The actual and predicted values of the scored targets, in streams. */
function scoredPairs(
  prepared: PreparedStreams,
  predictions: StreamPredictions,
  options: ScoreOptions = {},
): { actual: Float64Array; predicted: Float64Array } {
  const days = prepared.table.dates.length;
  const observedOnly = options.observedOnly ?? true;
  const actual: number[] = [], predicted: number[] = [];
  for (let i = 0; i < predictions.song.length; i++) {
    const k = predictions.song[i] * days + predictions.day[i];
    if (observedOnly && prepared.status[k] !== DAY_STATUS.observed) continue;
    actual.push(prepared.table.values[k]);
    predicted.push(predictions.predicted[i]);
  }
  return { actual: Float64Array.from(actual), predicted: Float64Array.from(predicted) };
}

/**
 * MSE, RMSE and MAE of `predictions` against the prepared table's counts.
 *
 * @throws {RangeError} when no target is left to score.
 */
export function scoreForecast(
  prepared: PreparedStreams,
  predictions: StreamPredictions,
  options: ScoreOptions = {},
): ForecastScore {
  const { actual, predicted } = scoredPairs(prepared, predictions, options);
  const m = mse(actual, predicted);
  return { mse: m, rmse: Math.sqrt(m), mae: mae(actual, predicted), targets: actual.length };
}
