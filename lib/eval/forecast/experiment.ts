/**
 * The stream-forecasting notebook's experiment steps beyond the sweep: the naive baselines on
 * the sweep's test days, the windows each shape and part builds, the per-song LSTM and GRU, the
 * multi-input model on the cell that did better per song, the models and baselines on the same
 * test and validation targets, the model chosen on the validation days, and the run's headlines
 * (that model's test RMSE beside last value's and beside same day last week's).
 *
 * @example
 * ```ts
 * import { forecastHeadlines, forecastResults } from "./experiment.ts";
 * // const results = forecastResults(prepared, finalModels);
 * // await saveHeadlines(resultsDir(config), "06_stream_forecasting", forecastHeadlines(results));
 * ```
 * @module
 */
import type { z } from "zod";
import type { PreparedStreams } from "../../data/charts/gaps.ts";
import type { ForecastSeries } from "../../data/charts/series.ts";
import type { SongMetadata } from "../../data/charts/metadata.ts";
import { forecastWindows } from "../../data/charts/series.ts";
import { windowDays, windowInputs, windowTargets } from "../../data/charts/windows.ts";
import type { RecurrentCell } from "../../model/forecast/parameters.ts";
import {
  type TrainedForecaster,
  trainStreamForecaster,
  type TrainStreamOptions,
} from "../../model/forecast/experiment.ts";
import type { TrainingProgress } from "../../model/training/progress.ts";
import type { Headline } from "../headline.ts";
import { NAIVE_BASELINES } from "./baselines.ts";
import { scoreForecast } from "./errors.ts";
import type { SweepResult } from "./sweep.ts";
import { forecastComparison, type ForecastRow } from "./table.ts";

/** The naive baselines' test RMSE on the same test targets as every model of the sweep. */
export function sweepBaselines(
  prepared: PreparedStreams,
  sweep: Pick<SweepResult, "models">,
): { name: string; rmse: number }[] {
  if (sweep.models.length === 0) throw new RangeError("the sweep trained no model");
  return forecastComparison(prepared, [{ name: "reference", predictions: sweep.models[0].test }])
    .filter((row) => row.kind === "baseline")
    .map((row) => ({ name: row.name, rmse: row.rmse }));
}

/** Each cell's model of the sweep with the lowest validation RMSE, in the sweep's cell order. */
export function bestSweepModels(
  sweep: Pick<SweepResult, "rows" | "models" | "best">,
): TrainedForecaster[] {
  return Object.values(sweep.best)
    .filter((row): row is NonNullable<typeof row> => row !== undefined)
    .map((row) => sweep.models[sweep.rows.indexOf(row)]);
}

/** One shape × part of {@link windowSummary}. */
export interface WindowSummaryRow {
  /** Multivariate (one window over all songs) or per song. */
  shape: "multivariate" | "per-song";
  /** Which part's days the windows predict. */
  part: "train" | "validation" | "test";
  /** Input and target array shapes. */
  inputs: number[];
  /** Shape of the target array. */
  targets: number[];
  /** First day read by the first window and the target day of the last one (table columns). */
  firstDay: number;
  /** The target day of the last window (table column). */
  lastDay: number;
}

/**
 * The windows each shape builds in each part for one lookback, with their shapes and the days
 * they read.
 *
 * @throws {RangeError} when a training window reaches into the validation days (a leak).
 */
export function windowSummary(series: ForecastSeries, lookback: number): WindowSummaryRow[] {
  const rows: WindowSummaryRow[] = [];
  for (const shape of ["multivariate", "per-song"] as const) {
    for (const part of ["train", "validation", "test"] as const) {
      const w = forecastWindows(series, { shape, part, lookback });
      const n = w.targetDays.length;
      const first = windowDays(w, 0), last = windowDays(w, n - 1);
      rows.push({
        shape,
        part,
        inputs: shape === "multivariate" ? windowInputs(w).shape : [n, lookback, 1],
        targets: shape === "multivariate" ? windowTargets(w).shape : [n, 1],
        firstDay: first[0],
        lastDay: last[1],
      });
      if (part === "train" && last[1] >= series.split.validationStart) {
        throw new RangeError("a training window reaches into the validation days");
      }
    }
  }
  return rows;
}

/** Options of {@link trainPerSongModels}. */
export interface PerSongOptions {
  /** Days of history per window. */
  lookback: number;
  /** Recurrent units; default 32. */
  hidden?: number;
  /** ReLU units after the concatenation of the multi-input model; default 32. */
  headUnits?: number;
  /** Seed of the initial weights and of the batch order; default 42. */
  seed?: number;
  /** Epochs, batch size, learning rate and early stopping of each model's training. */
  training?: Omit<TrainStreamOptions, "progress">;
  /** Progress of one model's training, by its title (e.g. "LSTM · per song"). */
  progress?: (title: string) => TrainingProgress;
}

/** The per-song LSTM and GRU (one small network shared by all songs), in that order. */
export async function trainPerSongModels(
  series: ForecastSeries,
  options: PerSongOptions,
): Promise<TrainedForecaster[]> {
  const out: TrainedForecaster[] = [];
  for (const cell of ["lstm", "gru"] as const) {
    out.push(
      await trainStreamForecaster(
        series,
        {
          cell,
          shape: "per-song",
          lookback: options.lookback,
          hidden: options.hidden,
          seed: options.seed,
        },
        { ...options.training, progress: options.progress?.(`${cell.toUpperCase()} · per song`) },
      ),
    );
  }
  return out;
}

/** The per-song model with the lower validation RMSE (the first on a tie). */
export function betterOnValidation(
  prepared: PreparedStreams,
  models: readonly TrainedForecaster[],
): TrainedForecaster {
  if (models.length === 0) throw new RangeError("no model to choose from");
  const rmse = models.map((m) => scoreForecast(prepared, m.validation).rmse);
  return models[rmse.indexOf(Math.min(...rmse))];
}

/** The multi-input model, or why there is none. */
export interface MultiInputOutcome {
  /** The trained multi-input model; null when it was not trained. */
  model: TrainedForecaster | null;
  /** The cell it was trained on (the better per song), when trained. */
  cell: RecurrentCell | null;
  /** The per-song model of the same cell without metadata, when trained. */
  plain: TrainedForecaster | null;
  /** Songs with metadata, of all songs. */
  known: number;
  /** Songs in the table. */
  songs: number;
}

/**
 * Trains seed 003's multi-input model on the cell that did better per song on the validation
 * days, when at least half of the songs have metadata; else returns no model.
 */
export async function trainMultiInput(
  series: ForecastSeries,
  metadata: SongMetadata | null,
  perSong: readonly TrainedForecaster[],
  options: PerSongOptions,
): Promise<MultiInputOutcome> {
  const songs = series.prepared.table.trackIds.length;
  const known = metadata ? songs - metadata.unknownSongs.length : 0;
  if (!metadata || known < songs / 2 || perSong.length === 0) {
    return { model: null, cell: null, plain: null, known, songs };
  }
  const plain = betterOnValidation(series.prepared, perSong);
  const cell = plain.spec.cell;
  const model = await trainStreamForecaster(
    series,
    {
      cell,
      shape: "per-song",
      lookback: options.lookback,
      hidden: options.hidden,
      headUnits: options.headUnits,
      metadata,
      seed: options.seed,
    },
    { ...options.training, progress: options.progress?.(`${cell.toUpperCase()} + metadata`) },
  );
  return { model, cell, plain, known, songs };
}

/** Models and baselines on the same test and validation targets, and the model chosen. */
export interface ForecastResults {
  /** Sorted by RMSE (forecastComparison). */
  test: ForecastRow[];
  /** The same models and baselines scored on the validation targets. */
  validation: ForecastRow[];
  /** The model with the lowest validation RMSE: what a researcher picks without the test days. */
  picked: ForecastRow;
  /** Its test row. */
  pickedTest: ForecastRow;
  /** The test row of the "last value" baseline (lag 1). */
  lastValue: ForecastRow;
  /** The test row of the "same day last week" baseline (lag 7). */
  lastWeek: ForecastRow;
}

/** Scores every model and both naive baselines on the test and the validation days. */
export function forecastResults(
  prepared: PreparedStreams,
  models: readonly TrainedForecaster[],
): ForecastResults {
  const test = forecastComparison(
    prepared,
    models.map((m) => ({ name: m.name, predictions: m.test })),
    { split: "test" },
  );
  const validation = forecastComparison(
    prepared,
    models.map((m) => ({ name: m.name, predictions: m.validation })),
    { split: "validation" },
  );
  const picked = validation.find((row) => row.kind === "model")!;
  const byName = (name: string) => test.find((row) => row.name === name)!;
  return {
    test,
    validation,
    picked,
    pickedTest: byName(picked.name),
    lastValue: byName(NAIVE_BASELINES[0].name),
    lastWeek: byName(NAIVE_BASELINES[1].name),
  };
}

/**
 * The run's headlines: the chosen model's test RMSE beside the last-value baseline's and beside
 * the same-day-last-week baseline's, on the same observed test targets.
 */
export function forecastHeadlines(results: ForecastResults): z.input<typeof Headline>[] {
  const model = results.pickedTest;
  return [results.lastValue, results.lastWeek]
    .filter((base) => Number.isFinite(model.rmse) && Number.isFinite(base.rmse))
    .map((base) => ({
      label: `${model.name} (chosen on validation days)`,
      metric: "test RMSE (streams per day)",
      value: model.rmse,
      baseline: base.name,
      baselineValue: base.rmse,
      lowerIsBetter: true,
      n: model.targets,
    }));
}
