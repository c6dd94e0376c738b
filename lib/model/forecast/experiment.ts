/**
 * One forecasting model from a prepared series to predictions in streams
 * ({@link trainStreamForecaster}): builds the windows of the chosen shape and lookback, trains
 * with early stopping on the validation days (the test days are scored per epoch for the curves
 * only), and predicts the validation and test days, scaled back to streams.
 *
 * With a {@link ForecasterStore}, every finished model leaves a completion record (its weights and
 * training history, with a fingerprint of the series, the settings and the code version): a rerun
 * after an interruption reuses the models whose fingerprint matches instead of training them
 * again (their predictions are recomputed from the stored weights), and trains the others.
 * Forecasters train in seconds to minutes each, so a model interrupted mid-training starts over.
 *
 * @example
 * ```ts
 * import { trainStreamForecaster } from "./experiment.ts";
 * // const lstm = await trainStreamForecaster(series, { cell: "lstm", shape: "multivariate", lookback: 14 });
 * // console.log(lstm.name, lstm.test.predicted.length); // songs × test days
 * ```
 * @module
 */
import { writeTextAtomic } from "../../data/atomic.ts";
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
import { DEFAULT_SEED } from "../../paper.ts";
import {
  fingerprintMismatch,
  runFingerprint,
  sha256Hex,
  type TrainingStart,
} from "../training/resume.ts";

/** Which model to train. */
export interface StreamForecasterSpec {
  /** The recurrent cell: LSTM or GRU. */
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
  /** What was trained: cell, window shape, lookback and inputs. */
  spec: StreamForecasterSpec;
  /** The trained network. */
  model: RecurrentForecaster;
  /** The training run: per-epoch losses, the best epoch, the stop and the wall time. */
  fit: ForecastFit;
  /** Predictions on the validation days, in streams. */
  validation: StreamPredictions;
  /** Predictions on the test days, in streams. */
  test: StreamPredictions;
  /** Trained now (and why not reused), or reused from an earlier run's completion record. */
  start?: TrainingStart;
}

/** Where finished forecasters are recorded so that a rerun skips them. */
export interface ForecasterStore {
  /** Folder of the records, one JSON file per model name. */
  dir: string;
  /** Reuse a record whose fingerprint matches; false trains every model again. */
  resume: boolean;
}

/** Format tag of a completion record. */
const FORECASTER_RECORD_FORMAT = "hss-forecaster/1";

/** A readable name for a specification. */
export function forecasterName(spec: StreamForecasterSpec): string {
  const cell = spec.cell.toUpperCase() + (spec.metadata ? " + metadata" : "");
  const shape = spec.shape === "multivariate" ? "multivariate" : "per song";
  return `${cell} · ${shape} · lookback ${spec.lookback}`;
}

/** Predicts every window of `inputs` and scales the values back to streams. */
function predictStreams(
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
  /** Record finished models and reuse matching records (see the module's description). */
  store?: ForecasterStore | null;
}

/** The file of a model's completion record in `dir`. */
export function forecasterRecordPath(dir: string, spec: StreamForecasterSpec): string {
  const slug = forecasterName(spec).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-$/, "");
  return `${dir}/${slug}.json`;
}

async function seriesFingerprint(series: ForecastSeries, metadata: SongMetadata | null) {
  const { scaled, split } = series;
  return await sha256Hex([
    scaled.values,
    `${scaled.songs}×${scaled.days}`,
    JSON.stringify(split),
    metadata ? metadata.values : "-",
    JSON.stringify(metadata?.columns ?? []),
  ]);
}

async function readRecord(
  path: string,
): Promise<{ fingerprint?: unknown; params?: number[]; fit?: ForecastFit } | null> {
  try {
    const json = JSON.parse(await Deno.readTextFile(path));
    return json?.format === FORECASTER_RECORD_FORMAT ? json : { fingerprint: null };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    return { fingerprint: null };
  }
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
  const network = {
    cell: spec.cell,
    inputs: outputs,
    hidden: spec.hidden ?? 32,
    outputs,
    metadata: metadata?.columns.length ?? 0,
    headUnits: spec.headUnits ?? (metadata ? 32 : 0),
  };
  const { progress, store, ...settings } = options;
  const finish = (model: RecurrentForecaster, fit: ForecastFit, start: TrainingStart) => ({
    name: forecasterName(spec),
    spec,
    model,
    fit,
    validation: predictStreams(model, series, validation),
    test: predictStreams(model, series, test),
    start,
  });
  let start: TrainingStart = { kind: "started", reason: "no completion record kept" };
  const path = store ? forecasterRecordPath(store.dir, spec) : null;
  const fingerprint = store
    ? await runFingerprint({
      data: await seriesFingerprint(series, metadata),
      settings: { ...settings, network, seed: spec.seed ?? DEFAULT_SEED, lookback: spec.lookback },
    })
    : null;
  if (store && path && fingerprint) {
    const record = await readRecord(path);
    const mismatch = record === null
      ? "no completion record yet"
      : !store.resume
      ? "reusing was not asked for (--fresh, model.resume=false)"
      : fingerprintMismatch(record.fingerprint, fingerprint);
    if (mismatch === null && record?.params && record.fit) {
      const model = new RecurrentForecaster(network, {
        seed: spec.seed ?? DEFAULT_SEED,
        params: Float32Array.from(record.params),
      });
      await progress?.onMessage?.(
        `${
          forecasterName(spec)
        }: finished in an earlier run (${record.fit.history.length} epochs); reused`,
      );
      return finish(model, record.fit, {
        kind: "resumed",
        epoch: record.fit.history.length,
        finished: true,
      });
    }
    start = { kind: "started", reason: mismatch ?? "the completion record is incomplete" };
  }
  const model = new RecurrentForecaster(network, { seed: spec.seed ?? DEFAULT_SEED });
  const fit = await fitForecaster(model, train, validation, {
    ...settings,
    progress,
    seed: spec.seed ?? DEFAULT_SEED,
    monitor: options.monitorTest === false ? null : test,
  });
  if (store && path && fingerprint) {
    await Deno.mkdir(store.dir, { recursive: true });
    await writeTextAtomic(
      path,
      JSON.stringify({
        format: FORECASTER_RECORD_FORMAT,
        name: forecasterName(spec),
        fingerprint,
        fit,
        params: Array.from(model.params),
      }),
    );
  }
  return finish(model, fit, start);
}

/** One line per model: reused from an earlier run, or trained (and why not reused). */
export function forecasterStartsReading(models: readonly TrainedForecaster[]): string {
  return models.filter((m) => m.start).map((m) =>
    m.start!.kind === "resumed"
      ? `- ${m.name}: reused from an earlier run (${m.start!.epoch} epochs)`
      : `- ${m.name}: trained: ${(m.start as { reason: string }).reason}`
  ).join("\n");
}
