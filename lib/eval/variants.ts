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
  /** The variant's model of the configured seed: predicted popularity per song. */
  model: { predict(songs: readonly SongExample[]): Float32Array };
  /** Its training history and wall time. */
  result: Pick<TrainResult, "history" | "seconds">;
  /** Every seed's model (the configured seed's first); absent or one entry: one seed. */
  seeds?: readonly {
    seed: number;
    model: { predict(songs: readonly SongExample[]): Float32Array };
  }[];
}

/** A metric over the seeds of one variant: each seed's value, mean, standard deviation, range. */
export interface SeedSpread {
  /** The metric's name, e.g. "MAE" or "R²". */
  metric: string;
  /** Each seed's value on the test songs, in seed order. */
  values: number[];
  /** Mean over seeds. */
  mean: number;
  /** Sample standard deviation (n − 1); NaN with one seed. */
  sd: number;
  /** Smallest value over seeds. */
  min: number;
  /** Largest value over seeds. */
  max: number;
  /** Mean over seeds of the bootstrap 95 % interval's ends. */
  low: number;
  /** Upper end of the interval, averaged over seeds. */
  high: number;
  /** Whether larger is better. */
  higherIsBetter: boolean;
}

/**
 * The spread over seeds of every metric of several reports of one variant on the same test songs
 * (one report per seed, all listing the same metrics); NaN values (undefined metrics) are left
 * out of each metric's statistics.
 */
export function seedSpread(reports: readonly (readonly ReportRow[])[]): SeedSpread[] {
  if (reports.length === 0) return [];
  return reports[0].map((row, i) => {
    const rows = reports.map((r) => r[i]);
    if (rows.some((r) => r?.metric !== row.metric)) {
      throw new RangeError(`the seeds' reports list other metrics at row ${i} (${row.metric})`);
    }
    const values = rows.map((r) => r.model.value);
    const finite = values.filter(Number.isFinite);
    const n = finite.length;
    const mean = n ? finite.reduce((a, b) => a + b, 0) / n : NaN;
    const sd = n > 1 ? Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : NaN;
    const avg = (xs: number[]) => {
      const ok = xs.filter(Number.isFinite);
      return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : NaN;
    };
    return {
      metric: row.metric,
      values,
      mean,
      sd,
      min: n ? Math.min(...finite) : NaN,
      max: n ? Math.max(...finite) : NaN,
      low: avg(rows.map((r) => r.model.low)),
      high: avg(rows.map((r) => r.model.high)),
      higherIsBetter: row.higherIsBetter,
    };
  });
}

/** The variants' predictions and reports on the same test songs. */
export interface VariantEvaluation {
  /** Test songs' popularity, in the order of `testTrackIds`. */
  actual: number[];
  /** Track ids of the test songs, in the order shared by every array here. */
  testTrackIds: string[];
  /** Each variant's predicted popularity per test song (the configured seed's model). */
  predictions: Map<NetworkInputs, Float32Array>;
  /** One report per variant (the configured seed's model); empty when fewer than two test songs. */
  reports: Map<NetworkInputs, ReportRow[]>;
  /** Seeds each variant was trained with (1 when one). */
  seeds: number;
  /** Per variant, every metric's spread over its seeds; empty when each variant has one seed. */
  spreads: Map<NetworkInputs, SeedSpread[]>;
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
  const spreads = new Map<NetworkInputs, SeedSpread[]>();
  const report = (predicted: Float32Array) =>
    regressionReport(actual, predicted, {
      threshold,
      yTrain: yTrain.length > 0 ? yTrain : undefined,
      seed: options.seed,
      resamples: options.resamples ?? 1000,
    });
  let seeds = 1;
  for (const [name, { model, seeds: runs }] of trained) {
    const predicted = model.predict(songs.test);
    predictions.set(name, predicted);
    seeds = Math.max(seeds, runs?.length ?? 1);
    if (actual.length < 2) continue;
    const first = report(predicted);
    reports.set(name, first);
    if (runs && runs.length > 1) {
      spreads.set(
        name,
        seedSpread([first, ...runs.slice(1).map((run) => report(run.model.predict(songs.test)))]),
      );
    }
  }
  const main = trained.has("both") ? "both" : [...trained.keys()][0] ?? null;
  return {
    actual,
    testTrackIds: songs.test.map((s) => s.trackId),
    predictions,
    reports,
    seeds,
    spreads,
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
  /** Which variant is the main model (audio + metadata, audio only or metadata only). */
  name: NetworkInputs;
  /** Its predicted popularity per test song. */
  predicted: Float32Array;
  /**
   * Its metrics with bootstrap intervals beside the trivial baseline's; null when too few test
   * songs.
   */
  report: ReportRow[] | null;
  /** Every metric's spread over seeds; null with one seed. */
  spread: SeedSpread[] | null;
}

/** The main model of an evaluation (see {@link VariantEvaluation.main}), or null when none. */
export function mainVariant(evaluation: VariantEvaluation): MainVariant | null {
  const name = evaluation.main;
  const predicted = name === null ? undefined : evaluation.predictions.get(name);
  if (name === null || !predicted) return null;
  return {
    name,
    predicted,
    report: evaluation.reports.get(name) ?? null,
    spread: evaluation.spreads.get(name) ?? null,
  };
}

/** A metric's value in a report, or null where it is missing or undefined (NaN). */
export function reportValue(report: readonly ReportRow[], metric: string): number | null {
  const value = report.find((r) => r.metric === metric)?.model.value;
  return value === undefined || !Number.isFinite(value) ? null : value;
}

/** Result-file metric fields and the report's metric names they are read from. */
const RESULT_METRICS = [
  ["precision", "precision"],
  ["recall", "recall"],
  ["f1", "F1"],
  ["accuracy", "accuracy"],
  ["balanced_accuracy", "balanced accuracy"],
  ["mcc", "MCC"],
  ["roc_auc", "ROC-AUC"],
] as const;

/**
 * Writes each variant's threshold metrics as a hold-out result file (`<dir>/models/cnn_<inputs>.json`)
 * for the model comparison, with the hash of its test songs; returns the paths. Writes nothing
 * without a threshold. With several seeds each metric is the mean over the seeds and its `_sd`
 * the seeds' standard deviation (the notes say so, with the F1 range); with one seed the notes
 * name it.
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
    const variant = trained.get(name);
    const run = variant?.result;
    const seeds = variant?.seeds?.map((s) => s.seed) ?? [];
    const spread = evaluation.spreads.get(name) ?? null;
    const spreadOf = (metric: string) => spread?.find((r) => r.metric === metric);
    const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);
    const value = (metric: string) =>
      spread ? finite(spreadOf(metric)?.mean) : reportValue(report, metric);
    const metrics = Object.fromEntries(
      RESULT_METRICS.map(([field, metric]) => [field, value(metric)]),
    ) as Record<typeof RESULT_METRICS[number][0], number | null>;
    const sd = spread
      ? Object.fromEntries(
        RESULT_METRICS.flatMap(([field, metric]) => {
          const x = finite(spreadOf(metric)?.sd);
          return x === null ? [] : [[field, x]];
        }),
      )
      : undefined;
    const notes = [`${run?.history.length ?? 0} epochs; popular at ≥ ${threshold}`];
    if (spread) {
      const f1 = spreadOf("F1");
      notes.push(
        `mean ± sd over ${spread[0]?.values.length ?? seeds.length} seeds` +
          (seeds.length ? ` (${seeds.join(", ")})` : "") +
          (f1 && Number.isFinite(f1.min)
            ? `; F1 from ${f1.min.toFixed(3)} to ${f1.max.toFixed(3)}`
            : ""),
      );
    } else if (seeds.length === 1) notes.push(`seed ${seeds[0]} (one seed)`);
    paths.push(
      await writeModelResult(dir, {
        model: `cnn_${name}`,
        label: VARIANT_LABELS[name],
        protocol: "holdout",
        folds: 1,
        n_test: evaluation.actual.length,
        metrics: {
          ...metrics,
          precision: metrics.precision ?? 0,
          recall: metrics.recall ?? 0,
          f1: metrics.f1 ?? 0,
          accuracy: metrics.accuracy ?? 0,
          balanced_accuracy: metrics.balanced_accuracy ?? 0,
          mcc: metrics.mcc ?? 0,
          fit_s: run?.seconds ?? null,
        },
        ...(sd ? { metrics_sd: sd } : {}),
        threshold,
        test_tracks_sha256: tracksHash,
        notes,
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
  spread?: SeedSpread,
): z.input<typeof Headline> | null {
  if (!row || !Number.isFinite(row.model.value) || !Number.isFinite(row.baseline.value)) {
    return null;
  }
  const over = spread && spread.values.length > 1 && Number.isFinite(spread.mean) ? spread : null;
  const { low, high } = over ?? row.model;
  return {
    label: over ? `${label}, mean of ${over.values.length} seeds` : label,
    metric,
    value: over ? over.mean : row.model.value,
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
 * popularity threshold beside the majority class's. With several seeds each value is the mean
 * over seeds and its interval the mean of the seeds' bootstrap intervals. Metrics that are
 * undefined are left out.
 */
export function variantHeadlines(evaluation: VariantEvaluation): z.input<typeof Headline>[] {
  const n = evaluation.actual.length;
  const out: (z.input<typeof Headline> | null)[] = [];
  for (const [name, report] of evaluation.reports) {
    const spread = evaluation.spreads.get(name)?.find((r) => r.metric === "MAE");
    out.push(
      headlineOf(report.find((r) => r.metric === "MAE"), VARIANT_LABELS[name], "MAE", n, spread),
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
          evaluation.spreads.get(evaluation.main!)?.find((r) => r.metric === metric),
        ),
      );
    }
  }
  return out.filter((h): h is z.input<typeof Headline> => h !== null);
}
