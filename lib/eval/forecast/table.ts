/**
 * The comparison table ({@link forecastComparison}): every model and both naive baselines,
 * scored on the same split and exactly the same (song, day) targets, in streams. A model whose
 * targets differ from the others' is refused rather than scored on an easier set.
 *
 * @example
 * ```ts
 * import { forecastComparison } from "./table.ts";
 * // const rows = forecastComparison(prepared, [{ name: lstm.name, predictions: lstm.test }], { split: "test" });
 * // rows: models and "last value (lag 1)", "same day last week (lag 7)", sorted by RMSE
 * ```
 * @module
 */
import type { PreparedStreams } from "../../data/charts/gaps.ts";
import type { StreamPredictions } from "../../model/forecast/experiment.ts";
import { NAIVE_BASELINES, naiveForecast } from "./baselines.ts";
import { scoreForecast } from "./errors.ts";

/** A named set of predictions. */
export interface NamedForecast {
  /** The model's or baseline's name, as shown in the table. */
  name: string;
  /** Its predicted streams, per song and day. */
  predictions: StreamPredictions;
}

/** One row of the table; errors in streams (MSE in streams²). */
export interface ForecastRow {
  /** The model's or baseline's name. */
  name: string;
  /** A trained model or a naive baseline. */
  kind: "model" | "baseline";
  /** The split the targets come from (`test`, `validation`). */
  split: string;
  /** Mean squared error, in streams². */
  mse: number;
  /** Root mean squared error, in streams. */
  rmse: number;
  /** Mean absolute error, in streams. */
  mae: number;
  /** Observed target values scored. */
  targets: number;
  /** RMSE ÷ the last-value baseline's RMSE (< 1: better than last value). */
  rmseVsLastValue: number;
}

/** Options of {@link forecastComparison}. */
export interface ForecastComparisonOptions {
  /** Name of the split, shown in the table; default `test`. */
  split?: string;
}

function sameTargets(a: StreamPredictions, b: StreamPredictions): boolean {
  if (a.song.length !== b.song.length) return false;
  const key = (p: StreamPredictions) =>
    Array.from(p.song, (s, i) => s * 1e7 + p.day[i]).sort((x, y) => x - y);
  const ka = key(a), kb = key(b);
  return ka.every((v, i) => v === kb[i]);
}

/**
 * Scores the models and the naive baselines on the first model's targets, sorted by RMSE.
 *
 * @throws {RangeError} when there is no model, or the models' targets differ.
 */
export function forecastComparison(
  prepared: PreparedStreams,
  models: readonly NamedForecast[],
  options: ForecastComparisonOptions = {},
): ForecastRow[] {
  if (models.length === 0) throw new RangeError("expected at least one model to compare");
  const reference = models[0].predictions;
  for (const m of models.slice(1)) {
    if (!sameTargets(reference, m.predictions)) {
      throw new RangeError(
        `"${m.name}" predicts other (song, day) targets than "${models[0].name}" ` +
          `(${m.predictions.song.length} vs ${reference.song.length}); compare on the same days`,
      );
    }
  }
  const split = options.split ?? "test";
  const entries = [
    ...models.map((m) => ({ ...m, kind: "model" as const })),
    ...NAIVE_BASELINES.map((b) => ({
      name: b.name,
      predictions: naiveForecast(prepared, reference, b.lag),
      kind: "baseline" as const,
    })),
  ];
  const scored = entries.map((e) => ({ ...e, score: scoreForecast(prepared, e.predictions) }));
  const lastValue = scored.find((e) => e.name === NAIVE_BASELINES[0].name)!.score.rmse;
  return scored
    .map((e) => ({
      name: e.name,
      kind: e.kind,
      split,
      mse: e.score.mse,
      rmse: e.score.rmse,
      mae: e.score.mae,
      targets: e.score.targets,
      rmseVsLastValue: e.score.rmse / lastValue,
    }))
    .sort((a, b) => a.rmse - b.rmse);
}
