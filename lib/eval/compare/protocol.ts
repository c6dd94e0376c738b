/**
 * The comparison protocol: every baseline fitted and scored on the same rows, under the
 * artist-grouped k-fold (each artist tested exactly once, never on both sides of a fold) or the
 * paper's fixed 80/20 artist split. Per fold it records the Table 4 metrics (precision, recall
 * and F1 of the positive class, accuracy) plus balanced accuracy, MCC, ROC-AUC and the fit time;
 * the summary gives the mean and standard deviation over folds. A model that fails on a fold (one
 * class only in its training rows, say) is recorded with its error, not dropped.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../../config.ts";
 * import { prepareDataset } from "../../data/load.ts";
 * import { comparisonTable } from "./table.ts";
 * import { runComparison } from "./protocol.ts";
 * const config = loadConfig();
 * const table = comparisonTable(await prepareDataset(config));
 * const result = await runComparison(table, {
 *   protocol: { kind: "group-kfold", folds: 5, seed: config.seed },
 *   models: ["dummy", "logreg", "random_forest"],
 * });
 * console.log(result.summary.toString());
 * ```
 * @module
 */
import pl from "nodejs-polars";
import { type Fold, groupKFold } from "../../data/split.ts";
import {
  BASELINE_NAMES,
  type BaselineName,
  BASELINES,
  type BaselineSettings,
} from "../../model/baselines/registry.ts";
import { accuracy, balancedAccuracy, f1Score, mcc, precision, recall, rocAuc } from "../metrics.ts";
import type { FitJob, FitOutcome } from "./fit_job.ts";
import { FitPool } from "./pool.ts";
import type { ComparisonTable } from "./table.ts";

/** How rows are divided between training and testing. */
export type Protocol =
  | { kind: "group-kfold"; folds: number; seed: number }
  | { kind: "holdout" };

/** The metric columns of a comparison, in Table 4's order then the additions. */
export const METRICS = [
  "precision",
  "recall",
  "f1",
  "accuracy",
  "balanced_accuracy",
  "mcc",
  "roc_auc",
] as const;

/** One metric name. */
export type MetricName = typeof METRICS[number];

/** One model on one fold. */
export interface FoldScore {
  /** The model's name (a baseline name or an external model's). */
  model: string;
  /** 0-based fold number; 0 for the hold-out. */
  fold: number;
  /** Rows the model was fitted on. */
  trainRows: number;
  /** Rows it was scored on. */
  testRows: number;
  /** Metric values; NaN when undefined (ROC-AUC with one class) or the fit failed. */
  metrics: Record<MetricName, number>;
  /** Wall time of the fit, in seconds. */
  fitSeconds: number;
  /** Wall time of the predictions on the test rows, in seconds. */
  predictSeconds: number;
  /** The model's notes on this fit (a subset used, an early stop, a ridge added). */
  notes: string[];
  /** Why the fit failed; null when it did not. */
  error: string | null;
}

/** Progress after each finished job. */
export interface ComparisonProgress {
  /** Jobs finished so far. */
  done: number;
  /** Jobs in the comparison: models × folds. */
  total: number;
  /** The model of the job just finished. */
  model: string;
  /** The fold of the job just finished. */
  fold: number;
  /** Seconds since the comparison started. */
  elapsed: number;
}

/** Options of {@link runComparison}. */
export interface ComparisonOptions {
  /** Artist-grouped k-fold or the paper's 80/20 hold-out. */
  protocol: Protocol;
  /** Baselines to run, in table order; default all twelve. */
  models?: readonly BaselineName[];
  /** Seeds and limits passed to every baseline (see registry.ts). */
  settings?: BaselineSettings;
  /** Worker threads; 0 or undefined = one per core, 1 = this thread. */
  workers?: number;
  /** Called after each finished job. */
  onProgress?: (progress: ComparisonProgress) => void;
}

/** All scores of a comparison and their summary table. */
export interface ComparisonResult {
  /** The dataset's name. */
  dataset: string;
  /** The protocol the scores were made under. */
  protocol: Protocol;
  /** One entry per model and fold. */
  scores: FoldScore[];
  /**
   * One row per model: model, label, folds, failed, each metric's mean and `<metric>_sd`, fit_s
   * (mean seconds per fold), notes.
   */
  summary: pl.DataFrame;
  /** Wall-clock seconds of the whole comparison. */
  seconds: number;
  /** Threads that fitted models. */
  threads: number;
}

/** The train/test folds of a protocol on a table. */
export function protocolFolds(
  table: Pick<ComparisonTable, "artistIds" | "holdout">,
  protocol: Protocol,
): Fold[] {
  if (protocol.kind === "group-kfold") {
    return groupKFold(table.artistIds, protocol.folds, protocol.seed);
  }
  const fold: Fold = { train: [], test: [] };
  table.holdout.forEach((part, i) => (part === "test" ? fold.test : fold.train).push(i));
  return [fold];
}

/** Metrics of one fold's predictions and scores against the true labels. */
export function foldMetrics(
  yTrue: ArrayLike<number>,
  predictions: ArrayLike<number>,
  scores: ArrayLike<number>,
): Record<MetricName, number> {
  return {
    precision: precision(yTrue, predictions),
    recall: recall(yTrue, predictions),
    f1: f1Score(yTrue, predictions),
    accuracy: accuracy(yTrue, predictions),
    balanced_accuracy: balancedAccuracy(yTrue, predictions),
    mcc: mcc(yTrue, predictions),
    roc_auc: rocAuc(yTrue, scores),
  };
}

// Slowest first, so the last jobs to finish are short ones and the workers end together.
const COST_ORDER: readonly BaselineName[] = [
  "mlp",
  "knn",
  "random_forest",
  "rbf_svm",
  "gbt",
  "decision_tree",
  "logreg",
  "linear_svm",
  "qda",
  "lda",
  "gaussian_nb",
  "dummy",
];

/** Fits and scores every model on every fold of the protocol. */
export async function runComparison(
  table: ComparisonTable,
  options: ComparisonOptions,
): Promise<ComparisonResult> {
  const models = [...(options.models ?? BASELINE_NAMES)];
  const folds = protocolFolds(table, options.protocol);
  const jobs: FitJob[] = [];
  const foldIndex = new Map<number, number>();
  for (const model of [...models].sort((a, b) => COST_ORDER.indexOf(a) - COST_ORDER.indexOf(b))) {
    folds.forEach((fold, f) => {
      foldIndex.set(jobs.length, f);
      jobs.push({
        id: jobs.length,
        model,
        settings: options.settings ?? {},
        train: Int32Array.from(fold.train),
        test: Int32Array.from(fold.test),
      });
    });
  }
  const foldOf = (job: FitJob) => foldIndex.get(job.id)!;
  const started = performance.now();
  const pool = new FitPool(table.X, table.y, { workers: options.workers });
  const scores: FoldScore[] = [];
  let done = 0;
  try {
    await Promise.all(jobs.map(async (job) => {
      const outcome = await pool.run(job);
      scores.push(scoreOutcome(table, job, foldOf(job), outcome));
      done++;
      options.onProgress?.({
        done,
        total: jobs.length,
        model: job.model,
        fold: foldOf(job),
        elapsed: (performance.now() - started) / 1000,
      });
    }));
  } finally {
    pool.close();
  }
  scores.sort((a, b) =>
    models.indexOf(a.model as BaselineName) - models.indexOf(b.model as BaselineName) ||
    a.fold - b.fold
  );
  return {
    dataset: table.dataset,
    protocol: options.protocol,
    scores,
    summary: summarizeScores(scores),
    seconds: (performance.now() - started) / 1000,
    threads: pool.threads,
  };
}

function scoreOutcome(
  table: ComparisonTable,
  job: FitJob,
  fold: number,
  outcome: FitOutcome,
): FoldScore {
  const yTrue = Array.from(job.test, (i) => table.y[i]);
  const failed = outcome.error !== null;
  const metrics = failed
    ? Object.fromEntries(METRICS.map((m) => [m, NaN])) as Record<MetricName, number>
    : foldMetrics(yTrue, outcome.predictions, outcome.scores);
  return {
    model: job.model,
    fold,
    trainRows: job.train.length,
    testRows: job.test.length,
    metrics,
    fitSeconds: outcome.fitSeconds,
    predictSeconds: outcome.predictSeconds,
    notes: outcome.notes,
    error: outcome.error,
  };
}

function meanAndSd(values: number[]): [number | null, number | null] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [null, null];
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  if (finite.length < 2) return [mean, null];
  const variance = finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (finite.length - 1);
  return [mean, Math.sqrt(variance)];
}

/** Notes repeated on every fold are shown once; fold-specific ones are counted. */
function summarizeNotes(scores: FoldScore[]): string {
  const lines = new Map<string, number>();
  for (const s of scores) {
    for (const note of s.notes) {
      // Numbers differ between folds (row counts, epochs); group by the words.
      const key = note.replace(/[\d,.]+/g, "#");
      lines.set(key, (lines.get(key) ?? 0) + 1);
    }
    if (s.error) lines.set(`fold ${s.fold + 1} failed: ${s.error}`, 1);
  }
  return [...lines.keys()].map((key) => {
    const example = scores.flatMap((s) => s.notes).find((n) => n.replace(/[\d,.]+/g, "#") === key);
    return example ?? key;
  }).join("; ");
}

/**
 * The summary table of fold scores (see {@link ComparisonResult.summary}).
 *
 * @param labels table labels of models that are not baselines (model → label); default the
 *   baseline's label, else the model's name
 */
export function summarizeScores(
  scores: readonly FoldScore[],
  labels: Readonly<Record<string, string>> = {},
): pl.DataFrame {
  const models = [...new Set(scores.map((s) => s.model))];
  const rows = models.map((model) => {
    const own = scores.filter((s) => s.model === model);
    const ok = own.filter((s) => s.error === null);
    const row: Record<string, string | number | null> = {
      model,
      label: labels[model] ??
        (BASELINES as Record<string, { label: string } | undefined>)[model]?.label ?? model,
      folds: own.length,
      failed: own.length - ok.length,
    };
    for (const m of METRICS) {
      const [mean, sd] = meanAndSd(ok.map((s) => s.metrics[m]));
      row[m] = mean;
      row[`${m}_sd`] = sd;
    }
    row.fit_s = meanAndSd(ok.map((s) => s.fitSeconds))[0];
    row.notes = summarizeNotes(own) || null;
    return row;
  });
  return pl.DataFrame([
    pl.Series("model", rows.map((r) => r.model), pl.Utf8),
    pl.Series("label", rows.map((r) => r.label), pl.Utf8),
    pl.Series("folds", rows.map((r) => r.folds), pl.Int64),
    pl.Series("failed", rows.map((r) => r.failed), pl.Int64),
    ...METRICS.flatMap((m) => [
      pl.Series(m, rows.map((r) => r[m] as number | null), pl.Float64),
      pl.Series(`${m}_sd`, rows.map((r) => r[`${m}_sd`] as number | null), pl.Float64),
    ]),
    pl.Series("fit_s", rows.map((r) => r.fit_s as number | null), pl.Float64),
    pl.Series("notes", rows.map((r) => r.notes as string | null), pl.Utf8),
  ]);
}

/** A progress line: count, elapsed time and the estimated time left. */
export function progressLine(p: ComparisonProgress): string {
  const rate = p.done / Math.max(p.elapsed, 1e-9);
  const left = (p.total - p.done) / rate;
  return `${p.done}/${p.total} fits · ${p.model} fold ${p.fold + 1} · ${p.elapsed.toFixed(1)} s ` +
    `elapsed · ~${left.toFixed(0)} s left`;
}
