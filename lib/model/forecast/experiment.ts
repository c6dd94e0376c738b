/**
 * One forecasting model from a prepared series to predictions in streams
 * ({@link trainStreamForecaster}): builds the windows of the chosen shape and lookback, trains
 * with early stopping on the validation days (the test days are scored per epoch for the curves
 * only), and predicts the validation and test days, scaled back to streams.
 *
 * @example
 * ```ts
 * import { trainStreamForecaster } from "./experiment.ts";
 * // const lstm = await trainStreamForecaster(series, { cell: "lstm", shape: "multivariate", lookback: 14 });
 * // console.log(lstm.name, lstm.test.predicted.length); // songs × test days
 * ```
 * @module
 */
import type { SongMetadata } from "../../data/charts/metadata.ts";
import { inverseScale } from "../../data/charts/scale.ts";
import { type ForecastSeries, forecastWindows } from "../../data/charts/series.ts";
import type { SplitPart } from "../../data/charts/chronological.ts";
import {
  type SeriesWindows,
  type WindowShape,
  windowTargetIndex,
} from "../../data/charts/windows.ts";
import type { ForecastInputs } from "./batch.ts";
import { RecurrentForecaster } from "./network.ts";
import type { RecurrentCell } from "./parameters.ts";
import { fitForecaster, type FitForecasterOptions, type ForecastFit } from "./train.ts";

/** Which model to train. */
export interface StreamForecasterSpec {
  cell: RecurrentCell;
  /** `multivariate`: all songs as one series; `per-song`: one window per song and day. */
  shape: WindowShape;
  /** Days of history per window. */
  lookback: number;
  /** Recurrent units; default 32. */
  hidden?: number;
  /** The songs' metadata: makes it seed 003's multi-input model (per-song windows only). */
  metadata?: SongMetadata | null;
  /** ReLU units after the concatenation; default 32 with metadata, else 0 (a linear output). */
  headUnits?: number;
  /** Seed of the initial weights and batch order; default 42. */
  seed?: number;
}

/** Predictions for some (song, day) pairs of the table, in streams. */
export interface StreamPredictions {
  /** Row of the song in the prepared table. */
  song: Int32Array;
  /** Day (column) of the prepared table predicted. */
  day: Int32Array;
  /** Predicted streams. */
  predicted: Float64Array;
}

/** A trained model with its history and its validation and test predictions. */
export interface TrainedForecaster {
  /** e.g. `LSTM · multivariate · lookback 14`, `GRU + metadata · per song · lookback 14`. */
  name: string;
  spec: StreamForecasterSpec;
  model: RecurrentForecaster;
  fit: ForecastFit;
  validation: StreamPredictions;
  test: StreamPredictions;
}

/** A readable name for a specification. */
export function forecasterName(spec: StreamForecasterSpec): string {
  const cell = spec.cell.toUpperCase() + (spec.metadata ? " + metadata" : "");
  const shape = spec.shape === "multivariate" ? "multivariate" : "per song";
  return `${cell} · ${shape} · lookback ${spec.lookback}`;
}

/** Predicts every window of `inputs` and scales the values back to streams. */
export function predictStreams(
  model: RecurrentForecaster,
  series: ForecastSeries,
  inputs: ForecastInputs,
): StreamPredictions {
  const scaled = model.predict(inputs);
  const { song, day } = windowTargetIndex(inputs.windows);
  const predicted = new Float64Array(scaled.length);
  for (let i = 0; i < scaled.length; i++) {
    predicted[i] = inverseScale(series.scaler, song[i], scaled[i]);
  }
  return { song, day, predicted };
}

/** Options of {@link trainStreamForecaster}: the training loop's, plus whether to monitor test. */
export interface TrainStreamOptions extends Omit<FitForecasterOptions, "monitor" | "seed"> {
  /** Score the test windows after every epoch for the loss curves (never for stopping); default true. */
  monitorTest?: boolean;
}

/**
 * Trains one model (see the module's description).
 *
 * @throws {StreamSeriesError} when the lookback leaves no training, validation or test window;
 *   {@link ForecasterSpecError} for metadata with multivariate windows.
 */
export async function trainStreamForecaster(
  series: ForecastSeries,
  spec: StreamForecasterSpec,
  options: TrainStreamOptions = {},
): Promise<TrainedForecaster> {
  const metadata = spec.metadata ?? null;
  const inputs = (part: SplitPart): ForecastInputs => {
    const windows: SeriesWindows = forecastWindows(series, {
      shape: spec.shape,
      part,
      lookback: spec.lookback,
    });
    return { windows, metadata: metadata?.values ?? null };
  };
  const train = inputs("train"), validation = inputs("validation"), test = inputs("test");
  const songs = series.scaled.songs;
  const outputs = spec.shape === "multivariate" ? songs : 1;
  const model = new RecurrentForecaster({
    cell: spec.cell,
    inputs: outputs,
    hidden: spec.hidden ?? 32,
    outputs,
    metadata: metadata?.columns.length ?? 0,
    headUnits: spec.headUnits ?? (metadata ? 32 : 0),
  }, { seed: spec.seed ?? 42 });
  const fit = await fitForecaster(model, train, validation, {
    ...options,
    seed: spec.seed ?? 42,
    monitor: options.monitorTest === false ? null : test,
  });
  return {
    name: forecasterName(spec),
    spec,
    model,
    fit,
    validation: predictStreams(model, series, validation),
    test: predictStreams(model, series, test),
  };
}
