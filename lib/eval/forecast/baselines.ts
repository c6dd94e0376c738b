/**
 * The naive forecasts every model must be compared with, on exactly the same target days:
 * **last value** (tomorrow = today, lag 1) and **same day last week** (tomorrow = the count 7 days
 * before tomorrow, lag 7 — the weekly rhythm seed 003 saw). They read the prepared table, the
 * same values the models read (one-day gaps interpolated, longer gaps filled).
 *
 * @example
 * ```ts
 * import { naiveForecast } from "./baselines.ts";
 * // const lastValue = naiveForecast(prepared, lstm.test, 1); // same (song, day) pairs as the LSTM
 * ```
 * @module
 */
import type { PreparedStreams } from "../../data/charts/gaps.ts";
import type { StreamPredictions } from "../../model/forecast/experiment.ts";

/** A naive forecast: the count `lag` days before the target day. */
export interface NaiveBaseline {
  /** The baseline's name in tables and figures, e.g. "last value (lag 1)". */
  name: string;
  /** Days back the forecast reads. */
  lag: number;
}

/** The two baselines of the issue: last value and same day last week. */
export const NAIVE_BASELINES: readonly NaiveBaseline[] = [
  { name: "last value (lag 1)", lag: 1 },
  { name: "same day last week (lag 7)", lag: 7 },
];

/**
 * The naive forecast for the (song, day) pairs of `targets`: the prepared table's value `lag`
 * days earlier.
 *
 * @throws {RangeError} when a target day has fewer than `lag` days before it.
 */
export function naiveForecast(
  prepared: PreparedStreams,
  targets: Pick<StreamPredictions, "song" | "day">,
  lag: number,
): StreamPredictions {
  if (!(Number.isInteger(lag) && lag >= 1)) {
    throw new RangeError(`lag must be a whole number of days ≥ 1; found ${lag}`);
  }
  const days = prepared.table.dates.length;
  const predicted = new Float64Array(targets.song.length);
  for (let i = 0; i < predicted.length; i++) {
    const day = targets.day[i];
    if (day - lag < 0) {
      throw new RangeError(`target day ${day} has no day ${lag} days before it`);
    }
    predicted[i] = prepared.table.values[targets.song[i] * days + day - lag];
  }
  return { song: targets.song.slice(), day: targets.day.slice(), predicted };
}
