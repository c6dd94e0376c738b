/**
 * The training notebook's CNN variants on the test songs: each variant's regression report with
 * the mean predictor beside it (and, at the popularity threshold, the classification metrics
 * with the majority class beside them), the result files the model comparison joins into its
 * Table 4 (compare/results.ts), and the run's headline numbers (headline.ts).
 *
 * @example
 * ```ts
 * import { evaluateVariants, variantHeadlines, writeVariantResults } from "./variants.ts";
 * // const evaluation = evaluateVariants(trained, songs, { threshold: 60, seed: 42 });
 * // await writeVariantResults(resultsDir(config), evaluation, trained);
 * // await saveHeadlines(resultsDir(config), "04_cnn_training", variantHeadlines(evaluation));
 * ```
 * @module
 */
import type { z } from "zod";
import type { TargetSpec } from "../data/schema.ts";
import type { NetworkInputs } from "../model/cnn/architecture.ts";
import type { SongExample } from "../model/popularity/model.ts";
import type { DatasetSong } from "../model/popularity/songs.ts";
import type { TrainResult } from "../model/training/train.ts";
import { testTracksHash, writeModelResult } from "./compare/results.ts";
import type { Headline } from "./headline.ts";
import { regressionReport, type ReportRow } from "./metrics.ts";

/** What each variant is called in tables and headlines. */
export const VARIANT_LABELS: Readonly<Record<NetworkInputs, string>> = {
  both: "CNN (audio + metadata)",
  audio: "CNN (audio only)",
  metadata: "metadata network",
};

/** What {@link evaluateVariants} needs of a trained variant. */
export interface EvaluatedModel {
  model: { predict(songs: readonly SongExample[]): Float32Array };
  result: Pick<TrainResult, "history" | "seconds">;
}

/** The variants' predictions and reports on the same test songs. */
export interface VariantEvaluation {
  /** Test songs' popularity, in the order of `testTrackIds`. */
  actual: number[];
  testTrackIds: string[];
  predictions: Map<NetworkInputs, Float32Array>;
  /** One report per variant; empty when fewer than two test songs. */
  reports: Map<NetworkInputs, ReportRow[]>;
  /** The model the notebook shows in detail: audio + metadata when trained, else the first. */
  main: NetworkInputs | null;
  /** Target value at or above which a song counts as popular; null: no threshold metrics. */
  threshold: number | null;
  /** The target column, e.g. `track_popularity`. */
  target: string;
}

/** Options of {@link evaluateVariants}. */
export interface EvaluateVariantsOptions {
  /** See {@link popularThreshold}; default none. */
  threshold?: number | null;
  /** The target column; default `track_popularity`. */
  target?: string;
  /** Seed of the bootstrap; default 0. */
  seed?: number;
  /** Bootstrap resamples; default 1000. */
  resamples?: number;
}

/**
 * Predicts the test songs with every variant and reports each beside the trivial baselines,
 * fitted on the training songs' popularity (see metrics.ts's regressionReport).
 */
export function evaluateVariants(
  trained: ReadonlyMap<NetworkInputs, EvaluatedModel>,
  songs: { train: readonly DatasetSong[]; test: readonly DatasetSong[] },
  options: EvaluateVariantsOptions = {},
): VariantEvaluation {
  const actual = songs.test.map((s) => s.popularity ?? NaN);
  const yTrain = songs.train.map((s) => s.popularity ?? NaN).filter((p) => !Number.isNaN(p));
  const threshold = options.threshold ?? null;
  const predictions = new Map<NetworkInputs, Float32Array>();
  const reports = new Map<NetworkInputs, ReportRow[]>();
  for (const [name, { model }] of trained) {
    const predicted = model.predict(songs.test);
    predictions.set(name, predicted);
    if (actual.length < 2) continue;
    reports.set(
      name,
      regressionReport(actual, predicted, {
        threshold,
        yTrain: yTrain.length > 0 ? yTrain : undefined,
        seed: options.seed,
        resamples: options.resamples ?? 1000,
      }),
    );
  }
  const main = trained.has("both") ? "both" : [...trained.keys()][0] ?? null;
  return {
    actual,
    testTrackIds: songs.test.map((s) => s.trackId),
    predictions,
    reports,
    main,
    threshold,
    target: options.target ?? "track_popularity",
  };
}

/**
 * The threshold of the classification metrics, by the model comparison's label rule (so the
 * variants' result files join its Table 4 on the same labels): the configured popularity
 * threshold for `track_popularity`, else the dataset's own threshold, else the median of the
 * training songs' target (training and validation songs: the comparison's training side);
 * null for a binary target.
 *
 * @param songs the training and validation songs, whose `popularity` holds the target
 */
export function popularThreshold(
  target: Pick<TargetSpec, "column" | "kind" | "threshold">,
  configured: number,
  songs: { train: readonly SongExample[]; validation: readonly SongExample[] },
): number | null {
  if (target.kind === "binary") return null;
  if (target.column === "track_popularity") return configured;
  if (target.threshold !== null) return target.threshold;
  const sorted = [...songs.train, ...songs.validation]
    .map((s) => s.popularity ?? NaN)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The main model's name, test predictions and report (null when too few test songs). */
export interface MainVariant {
  name: NetworkInputs;
  predicted: Float32Array;
  report: ReportRow[] | null;
}

/** The main model of an evaluation (see {@link VariantEvaluation.main}), or null when none. */
export function mainVariant(evaluation: VariantEvaluation): MainVariant | null {
  const name = evaluation.main;
  const predicted = name === null ? undefined : evaluation.predictions.get(name);
  if (name === null || !predicted) return null;
  return { name, predicted, report: evaluation.reports.get(name) ?? null };
}

/** A metric's value in a report, or null where it is missing or undefined (NaN). */
export function reportValue(report: readonly ReportRow[], metric: string): number | null {
  const value = report.find((r) => r.metric === metric)?.model.value;
  return value === undefined || !Number.isFinite(value) ? null : value;
}

/**
 * Writes each variant's threshold metrics as a hold-out result file (`<dir>/models/cnn_<inputs>.json`)
 * for the model comparison, with the hash of its test songs; returns the paths. Writes nothing
 * without a threshold.
 */
export async function writeVariantResults(
  dir: string,
  evaluation: VariantEvaluation,
  trained: ReadonlyMap<NetworkInputs, EvaluatedModel>,
): Promise<string[]> {
  const { threshold } = evaluation;
  if (threshold === null) return [];
  const tracksHash = await testTracksHash(evaluation.testTrackIds);
  const paths: string[] = [];
  for (const [name, report] of evaluation.reports) {
    const run = trained.get(name)?.result;
    const value = (metric: string) => reportValue(report, metric) ?? 0;
    paths.push(
      await writeModelResult(dir, {
        model: `cnn_${name}`,
        label: VARIANT_LABELS[name],
        protocol: "holdout",
        folds: 1,
        n_test: evaluation.actual.length,
        metrics: {
          precision: value("precision"),
          recall: value("recall"),
          f1: value("F1"),
          accuracy: value("accuracy"),
          balanced_accuracy: value("balanced accuracy"),
          mcc: value("MCC"),
          roc_auc: reportValue(report, "ROC-AUC"),
          fit_s: run?.seconds ?? null,
        },
        threshold,
        test_tracks_sha256: tracksHash,
        notes: [`${run?.history.length ?? 0} epochs; popular at ≥ ${threshold}`],
      }),
    );
  }
  return paths;
}

function headlineOf(
  row: ReportRow | undefined,
  label: string,
  metric: string,
  n: number,
): z.input<typeof Headline> | null {
  if (!row || !Number.isFinite(row.model.value) || !Number.isFinite(row.baseline.value)) {
    return null;
  }
  const { low, high } = row.model;
  return {
    label,
    metric,
    value: row.model.value,
    ...(Number.isFinite(low) && Number.isFinite(high) ? { interval: [low, high] as const } : {}),
    baseline: row.baselineName,
    baselineValue: row.baseline.value,
    lowerIsBetter: !row.higherIsBetter,
    n,
  };
}

/**
 * The training run's headlines: each variant's test MAE (with its bootstrap 95 % interval)
 * beside the mean predictor's, then the main model's F1, balanced accuracy and MCC at the
 * popularity threshold beside the majority class's. Metrics that are undefined are left out.
 */
export function variantHeadlines(evaluation: VariantEvaluation): z.input<typeof Headline>[] {
  const n = evaluation.actual.length;
  const out: (z.input<typeof Headline> | null)[] = [];
  for (const [name, report] of evaluation.reports) {
    out.push(
      headlineOf(report.find((r) => r.metric === "MAE"), VARIANT_LABELS[name], "MAE", n),
    );
  }
  const main = evaluation.main === null ? undefined : evaluation.reports.get(evaluation.main);
  if (main && evaluation.threshold !== null) {
    const what = evaluation.target === "track_popularity" ? "popularity" : evaluation.target;
    const at = `at ${what} ≥ ${
      evaluation.threshold.toLocaleString("en", { maximumFractionDigits: 2 })
    }`;
    for (const metric of ["F1", "balanced accuracy", "MCC"]) {
      out.push(
        headlineOf(
          main.find((r) => r.metric === metric),
          VARIANT_LABELS[evaluation.main!],
          `${metric} ${at}`,
          n,
        ),
      );
    }
  }
  return out.filter((h): h is z.input<typeof Headline> => h !== null);
}
