/**
 * The CNN in the k-fold's folds: each chosen variant of the training notebook's network (audio +
 * metadata, audio only, metadata only) trained and scored on exactly the artist-grouped folds the
 * baselines are scored on, so that the k-fold table's CNN rows compare with them on the same rows.
 *
 * Per fold: the test rows are the fold's test rows; a validation part (early stopping) is carved
 * from the fold's training artists the way the workspace's split carves its validation artists
 * (lib/data/split.ts's groupTrainTestSplit, `split.validationFraction` of the training rows by
 * whole artists, seeded); each variant is trained once, with the configured seed, the configured
 * batch size, learning rate, epochs and early stopping, checkpointed in
 *
 *     <paths.outputs>/models/<dataset key>/kfold/cnn-<inputs>-fold<k>     (k = 1 … folds)
 *
 * so that an interrupted run resumes (`model.resume`). Its predicted target is cut at the table's
 * threshold (the baselines' label rule) and scored with the same metrics; the predicted value is
 * the ROC-AUC score. A test row the network cannot read (a track without a spectrogram) is left
 * out and the row's notes say how many: {@link OTHER_TEST_ROWS_NOTE}.
 *
 * Which variants: `comparison.cnnFolds` (see {@link requestedCnnFoldVariants}); `auto` trains
 * every variant the data supports on data with audio, except on the tiny demo corpus.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { prepareDataset } from "../../data/load.ts";
 * import { cnnFoldsOfDataset } from "./cnn_folds.ts";
 * import { comparisonPlan } from "./plan.ts";
 * import { comparisonTable } from "./table.ts";
 * const config = loadConfig();
 * const prepared = await prepareDataset(config);
 * const table = comparisonTable(prepared);
 * const plan = comparisonPlan(config);
 * // const cnn = await cnnFoldsOfDataset(prepared, table, config, { protocol: plan.kfold! });
 * // compareOnProtocol(table, plan.kfold!, { ...plan, outDir, scoredRows: cnn.rows });
 * ```
 * @module
 */
import type pl from "nodejs-polars";
import type { Config } from "../../config.ts";
import type { ExtractOptions } from "../../audio/input/mod.ts";
import type { Dataset } from "../../data/dataset.ts";
import { groupTrainTestSplit } from "../../data/split.ts";
import { selectBackend } from "../../model/backend/select.ts";
import type { NetworkInputs } from "../../model/cnn/architecture.ts";
import { type DatasetSongs, datasetSongs } from "../../model/popularity/dataset_songs.ts";
import { PopularityModel } from "../../model/popularity/model.ts";
import { modelDir } from "../../model/popularity/paths.ts";
import type { DatasetSong } from "../../model/popularity/songs.ts";
import { isTinyDemo, networkVariants, trainingEpochs } from "../../model/popularity/variants.ts";
import type { TrainingProgress } from "../../model/training/progress.ts";
import type { TrainingStart } from "../../model/training/resume.ts";
import { VARIANT_LABELS } from "../variants.ts";
import {
  foldMetrics,
  type FoldScore,
  type MetricName,
  METRICS,
  type Protocol,
  protocolFolds,
  summarizeScores,
} from "./protocol.ts";
import { OTHER_TEST_ROWS_NOTE, type ScoredRows } from "./results.ts";
import type { ComparisonTable } from "./table.ts";

/** The k-fold protocol the CNN is trained in. */
export type KFoldProtocol = Extract<Protocol, { kind: "group-kfold" }>;

/** The variants `comparison.cnnFolds` asks for, or why none. */
export interface CnnFoldRequest {
  /** Variants to train, in the order both, audio, metadata. */
  variants: NetworkInputs[];
  /** Whether the variants come from `auto` (then a dataset without audio trains none). */
  auto: boolean;
  /** Why nothing is trained (when `variants` is empty), else null. */
  reason: string | null;
}

const ALL_VARIANTS: readonly NetworkInputs[] = ["both", "audio", "metadata"];

/**
 * The variants `config.comparison.cnnFolds` asks for, before the data is read: `auto` → all
 * three except on the tiny demo corpus (none: CI stays fast), `all` → all three, `none` → none,
 * else the listed ones in the order both, audio, metadata.
 */
export function requestedCnnFoldVariants(config: Config): CnnFoldRequest {
  const value = config.comparison.cnnFolds.trim();
  if (value === "none") {
    return { variants: [], auto: false, reason: "`comparison.cnnFolds` is `none`" };
  }
  if (value === "auto" && isTinyDemo(config)) {
    return {
      variants: [],
      auto: true,
      reason: "it is off on the tiny demo corpus (`comparison.cnnFolds=auto`), which CI runs; " +
        "`--set comparison.cnnFolds=all` trains it",
    };
  }
  if (value === "auto" || value === "all") {
    return { variants: [...ALL_VARIANTS], auto: value === "auto", reason: null };
  }
  const listed = value.split(",").map((v) => v.trim());
  const unknown = listed.filter((v) => !ALL_VARIANTS.includes(v as NetworkInputs));
  if (unknown.length > 0) {
    throw new RangeError(
      `comparison.cnnFolds: expected auto, all, none or variants among ${
        ALL_VARIANTS.join(", ")
      }; found ${unknown.join(", ")}`,
    );
  }
  return { variants: ALL_VARIANTS.filter((v) => listed.includes(v)), auto: false, reason: null };
}

/**
 * The requested variants the data supports: none for a binary target (the network predicts a
 * score); without audio the metadata network alone when asked for by name or `all`, and none
 * under `auto` (the k-fold's rows are about the audio network; the metadata network is a small
 * MLP beside the baselines' own).
 */
export function supportedCnnFoldVariants(
  request: CnnFoldRequest,
  data: Pick<DatasetSongs, "hasAudio" | "regression">,
): CnnFoldRequest {
  if (request.variants.length === 0) return request;
  if (!data.regression) {
    return {
      variants: [],
      auto: request.auto,
      reason: "the target is binary, and the network predicts a score (as in notebook 04)",
    };
  }
  if (!data.hasAudio && request.auto) {
    return {
      variants: [],
      auto: true,
      reason: "the dataset has no audio (`comparison.cnnFolds=auto` trains it on data with " +
        "audio; `--set comparison.cnnFolds=metadata` trains the metadata network)",
    };
  }
  const possible = networkVariants(data.hasAudio);
  const variants = request.variants.filter((v) => possible.includes(v));
  return variants.length > 0 ? { variants, auto: request.auto, reason: null } : {
    variants: [],
    auto: request.auto,
    reason: "the dataset has no audio, and only audio variants were asked for",
  };
}

/** One fold of the CNN: rows of the comparison table. */
export interface CnnFold {
  /** 0-based fold index, as the baselines' fold scores. */
  fold: number;
  /** Training rows (the fold's training artists less the validation artists). */
  train: number[];
  /** Validation rows: whole artists carved from the fold's training artists. */
  validation: number[];
  /** The fold's test rows, exactly the baselines'. */
  test: number[];
  /** Why the fold cannot be trained (too few training artists to carve validation), else null. */
  error: string | null;
}

/** Options of {@link cnnFoldPlan}. */
export interface CnnFoldPlanOptions {
  /** Share of the fold's training rows (whole artists) for validation: `split.validationFraction`. */
  validationFraction: number;
  /** Seed of the validation draw: the configuration's seed. */
  seed: number;
}

/**
 * The CNN's folds: the protocol's folds of the table (protocol.ts's protocolFolds, the baselines'
 * folds), each fold's training rows divided into training and validation artists by the
 * workspace's splitter.
 */
export function cnnFoldPlan(
  table: Pick<ComparisonTable, "artistIds" | "holdout">,
  protocol: KFoldProtocol,
  options: CnnFoldPlanOptions,
): CnnFold[] {
  return protocolFolds(table, protocol).map((fold, f) => {
    try {
      const parts = groupTrainTestSplit(fold.train.map((i) => table.artistIds[i]), {
        testFraction: options.validationFraction,
        seed: options.seed,
      });
      return {
        fold: f,
        train: fold.train.filter((_, j) => parts[j] !== "test"),
        validation: fold.train.filter((_, j) => parts[j] === "test"),
        test: [...fold.test],
        error: null,
      };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { fold: f, train: [], validation: [], test: [...fold.test], error: why };
    }
  });
}

/** The checkpoint folder of one variant in one fold (`k` 0-based; the folder says k + 1). */
export function cnnFoldModelDir(config: Config, inputs: NetworkInputs, fold: number): string {
  return `${modelDir(config, "kfold")}/cnn-${inputs}-fold${fold + 1}`;
}

/** One variant trained in one fold. */
export interface CnnFoldRun {
  /** The variant. */
  inputs: NetworkInputs;
  /** 0-based fold index. */
  fold: number;
  /** Whether it continued from a checkpoint, or started over and why; null when not trained. */
  start: TrainingStart | null;
  /** Epochs run (all parts of a resumed run). */
  epochs: number;
}

/** The CNN's k-fold scores and their rows for the k-fold table. */
export interface CnnFoldsResult {
  /** The k-fold the networks were trained in: the baselines' folds. */
  protocol: KFoldProtocol;
  /** Variants trained (empty: none, see `reason`). */
  variants: NetworkInputs[];
  /** Why nothing was trained, else null. */
  reason: string | null;
  /** One score per variant and fold, variants in order then folds; model = `cnn_<inputs>`. */
  scores: FoldScore[];
  /** The rows for the k-fold table (compareOnProtocol's `scoredRows`); null when none. */
  rows: ScoredRows | null;
  /** One entry per variant and fold, in the order of `scores`. */
  runs: CnnFoldRun[];
  /** The seed every fold's network was trained with. */
  seed: number;
  /** Most epochs per network. */
  epochs: number;
  /** The baselines' test rows over all folds. */
  testRows: number;
  /** Test rows over all folds without a song (no spectrogram), left out of the CNN's scores. */
  missingTestRows: number;
  /** Wall-clock seconds of training and scoring every variant in every fold. */
  seconds: number;
  /** Wall-clock seconds of reading the songs (spectrograms computed or read from the cache). */
  songsSeconds: number;
  /** The training backend, in words; null when nothing was trained. */
  backend: string | null;
}

/** Options of {@link trainCnnFolds}. */
export interface TrainCnnFoldsOptions {
  /** The baselines' k-fold (comparisonPlan's `kfold`). */
  protocol: KFoldProtocol;
  /** Variants to train, in order. */
  variants: readonly NetworkInputs[];
  /** Most epochs; default trainingEpochs(config). */
  epochs?: number;
  /** Progress of one variant's training in one fold (0-based). */
  progress?: (inputs: NetworkInputs, fold: number) => TrainingProgress;
  /** Continue interrupted runs from their checkpoints; default `config.model.resume`. */
  resume?: boolean;
  /** The backend in words, for the result (cnnFoldsOfDataset passes its choice). */
  backend?: string | null;
}

const NAN_METRICS = Object.fromEntries(METRICS.map((m) => [m, NaN])) as Record<MetricName, number>;

/** Why a fold cannot be trained or scored: the first of its parts without songs; else null. */
function emptyPart(parts: Record<"train" | "validation" | "test", unknown[]>) {
  const empty = (["train", "validation", "test"] as const).find((p) => parts[p].length === 0);
  return empty ? `no ${empty === "train" ? "training" : empty} songs` : null;
}

/**
 * Trains each variant in each fold of the table (see the module's description) on the songs of
 * its rows, matched by track id, and scores the fold's test songs at the table's threshold.
 *
 * @param songs the dataset's songs (every part of its split; their part is not used)
 * @throws {RangeError} when the table has no threshold (a binary target): the network predicts a
 *   score
 */
export async function trainCnnFolds(
  table: ComparisonTable,
  songs: readonly DatasetSong[],
  config: Config,
  options: TrainCnnFoldsOptions,
): Promise<CnnFoldsResult> {
  const threshold = table.threshold;
  if (threshold === null && options.variants.length > 0) {
    throw new RangeError(
      `expected a score target with a threshold to train the CNN in the folds; found the binary ` +
        `target ${table.targetColumn}`,
    );
  }
  const started = performance.now();
  const epochs = options.epochs ?? trainingEpochs(config);
  const byTrack = new Map(songs.map((s) => [s.trackId, s]));
  const plan = cnnFoldPlan(table, options.protocol, {
    validationFraction: config.split.validationFraction,
    seed: config.seed,
  });
  const songsOf = (rows: readonly number[]) =>
    rows.flatMap((i) => {
      const song = byTrack.get(table.trackIds[i]);
      return song ? [{ row: i, song }] : [];
    });
  const testRows = plan.reduce((n, f) => n + f.test.length, 0);
  const missing = plan.reduce((n, f) => n + f.test.length - songsOf(f.test).length, 0);
  const scores: FoldScore[] = [];
  const runs: CnnFoldRun[] = [];
  for (const inputs of options.variants) {
    for (const fold of plan) {
      const train = songsOf(fold.train).map((s) => s.song);
      const validation = songsOf(fold.validation).map((s) => s.song);
      const test = songsOf(fold.test);
      const base = {
        model: `cnn_${inputs}`,
        fold: fold.fold,
        trainRows: train.length,
        testRows: test.length,
        notes: [],
      };
      const failure = fold.error ?? emptyPart({ train, validation, test });
      if (failure) {
        scores.push({
          ...base,
          metrics: { ...NAN_METRICS },
          fitSeconds: 0,
          predictSeconds: 0,
          error: failure,
        });
        runs.push({ inputs, fold: fold.fold, start: null, epochs: 0 });
        continue;
      }
      const run = await PopularityModel.train(train, validation, {
        inputs,
        audio: config.audio,
        epochs,
        batchSize: config.model.batchSize,
        learningRate: config.model.learningRate,
        patience: config.model.patience,
        minDelta: config.model.minDelta,
        seed: config.seed,
        dir: cnnFoldModelDir(config, inputs, fold.fold),
        progress: options.progress?.(inputs, fold.fold),
        resume: options.resume ?? config.model.resume,
      });
      const predictStart = performance.now();
      const predicted = run.model.predict(test.map((t) => t.song));
      const predictSeconds = (performance.now() - predictStart) / 1000;
      run.model.dispose();
      const yTrue = test.map((t) => table.y[t.row]);
      const labels = Array.from(predicted, (p) => (p >= threshold! ? 1 : 0));
      scores.push({
        ...base,
        metrics: foldMetrics(yTrue, labels, predicted),
        // Summed over the epochs' records, so a resumed run counts its first part too.
        fitSeconds: run.result.history.reduce((s, e) => s + e.seconds, 0),
        predictSeconds,
        error: null,
      });
      runs.push({ inputs, fold: fold.fold, start: run.start, epochs: run.result.history.length });
    }
  }
  const result: CnnFoldsResult = {
    protocol: options.protocol,
    variants: [...options.variants],
    reason: options.variants.length === 0 ? "no variant was asked for" : null,
    scores,
    rows: null,
    runs,
    seed: config.seed,
    epochs,
    testRows,
    missingTestRows: missing,
    seconds: (performance.now() - started) / 1000,
    songsSeconds: 0,
    backend: options.backend ?? null,
  };
  if (scores.length > 0) {
    result.rows = { protocol: options.protocol, summary: cnnFoldsSummary(result, config) };
  }
  return result;
}

/**
 * The summary rows of the CNN's fold scores, in the comparison summary's columns, labelled as
 * notebook 04's variants, with notes naming the seed, the validation carving and any test rows
 * the CNN could not score.
 */
export function cnnFoldsSummary(
  result: Pick<
    CnnFoldsResult,
    "scores" | "seed" | "epochs" | "testRows" | "missingTestRows" | "runs"
  >,
  config: Pick<Config, "split">,
): pl.DataFrame {
  const notes = [
    `trained here in each fold with seed ${result.seed} (one run per fold), up to ${result.epochs} ` +
    `epochs, early stopping on ${config.split.validationFraction} of the fold's training artists`,
  ];
  if (result.missingTestRows > 0) {
    notes.push(
      `${OTHER_TEST_ROWS_NOTE}: ${result.missingTestRows} of ${result.testRows} test rows have ` +
        `no spectrogram`,
    );
  }
  const resumed = result.runs.filter((r) => r.start?.kind === "resumed").length;
  if (resumed > 0) notes.push(`${resumed} of ${result.runs.length} fold models resumed`);
  const scores = result.scores.map((s) => ({ ...s, notes: [...notes, ...s.notes] }));
  const labels = Object.fromEntries(
    Object.entries(VARIANT_LABELS).map(([inputs, label]) => [`cnn_${inputs}`, label]),
  );
  return summarizeScores(scores, labels);
}

/** Options of {@link cnnFoldsOfDataset}. */
export interface CnnFoldsOfDatasetOptions
  extends Pick<TrainCnnFoldsOptions, "protocol" | "progress" | "resume" | "epochs"> {
  /** Progress of the spectrograms' extraction (or cache reads). */
  onSpectrogramProgress?: ExtractOptions["onProgress"];
}

/**
 * The notebook's entry point: the variants `comparison.cnnFolds` asks for that the dataset
 * supports, trained and scored in the k-fold's folds on the dataset's songs (spectrograms read
 * from the cache notebook 04 filled, or computed). Reads no audio and trains nothing when no
 * variant is asked for (the result's `reason` says why).
 */
export async function cnnFoldsOfDataset(
  prepared: { dataset: Dataset; split: pl.DataFrame },
  table: ComparisonTable,
  config: Config,
  options: CnnFoldsOfDatasetOptions,
): Promise<CnnFoldsResult> {
  const request = requestedCnnFoldVariants(config);
  const skipped = (reason: string): CnnFoldsResult => ({
    protocol: options.protocol,
    variants: [],
    reason,
    scores: [],
    rows: null,
    runs: [],
    seed: config.seed,
    epochs: options.epochs ?? trainingEpochs(config),
    testRows: 0,
    missingTestRows: 0,
    seconds: 0,
    songsSeconds: 0,
    backend: null,
  });
  if (request.variants.length === 0) return skipped(request.reason!);
  const started = performance.now();
  const data = await datasetSongs(prepared.dataset, prepared.split, config.audio, {
    onProgress: options.onSpectrogramProgress,
  });
  const songsSeconds = (performance.now() - started) / 1000;
  const chosen = supportedCnnFoldVariants(request, data);
  if (chosen.variants.length === 0) return skipped(chosen.reason!);
  const backend = await selectBackend(config.model.backend, { log: () => {} });
  const songs = [...data.songs.train, ...data.songs.validation, ...data.songs.test];
  const result = await trainCnnFolds(table, songs, config, {
    ...options,
    variants: chosen.variants,
    backend: backend.name,
  });
  return { ...result, songsSeconds };
}
