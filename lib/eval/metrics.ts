/**
 * Metrics as plain functions of `(yTrue, yPred)`, and honest reports that always put the trivial
 * baseline beside the model: the mean predictor for a regression, the majority class at a
 * threshold. A teacher's example: with precision 0.9587 and recall 0.9979, a dataset where 95.9 %
 * of songs are popular lets "predict every song popular" score F1 ≈ 0.979 — the seed paper's
 * headline — so a bare F1 says nothing until the baseline stands next to it.
 *
 * Conventions follow scikit-learn: precision, recall and F1 of the positive class (1), 0 when
 * undefined (zero_division = 0); MCC 0 when undefined; ROC-AUC from scores with ties counted
 * half; R² = 1 − SS_res / SS_tot.
 *
 * @example
 * ```ts
 * import { f1Score, mae, regressionReport } from "./metrics.ts";
 * mae([1, 2, 3], [1, 2, 5]); // 0.667
 * f1Score([1, 0, 1, 1], [1, 0, 0, 1]); // 0.8
 * const report = regressionReport([50, 60, 70], [52, 58, 71], { threshold: 60, yTrain: [55, 65] });
 * ```
 * @module
 */
import { Rng } from "../data/random.ts";

/** Labels, targets or scores, one per row: any array-like of numbers (a typed array or number[]). */
export type Numbers = ArrayLike<number>;

function checkLengths(a: Numbers, b: Numbers, what = "yPred") {
  if (a.length !== b.length) {
    throw new RangeError(`yTrue has ${a.length} values but ${what} has ${b.length}`);
  }
  if (a.length === 0) throw new RangeError("no values to score");
}

function mean(x: Numbers): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Mean absolute error, in the target's unit. */
export function mae(yTrue: Numbers, yPred: Numbers): number {
  checkLengths(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / yTrue.length;
}

/** Mean squared error, in the target's unit squared. */
export function mse(yTrue: Numbers, yPred: Numbers): number {
  checkLengths(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (yTrue[i] - yPred[i]) ** 2;
  return s / yTrue.length;
}

/** Root mean squared error, in the target's unit. */
export function rmse(yTrue: Numbers, yPred: Numbers): number {
  return Math.sqrt(mse(yTrue, yPred));
}

/** Coefficient of determination; 0 for the mean of yTrue, negative when worse; NaN if yTrue is constant. */
export function r2(yTrue: Numbers, yPred: Numbers): number {
  checkLengths(yTrue, yPred);
  const m = mean(yTrue);
  let res = 0, tot = 0;
  for (let i = 0; i < yTrue.length; i++) {
    res += (yTrue[i] - yPred[i]) ** 2;
    tot += (yTrue[i] - m) ** 2;
  }
  return tot === 0 ? NaN : 1 - res / tot;
}

/** Confusion counts of binary labels (positive = 1). */
export interface Confusion {
  /** True positives: label 1 predicted 1. */
  tp: number;
  /** False positives: label 0 predicted 1. */
  fp: number;
  /** True negatives: label 0 predicted 0. */
  tn: number;
  /** False negatives: label 1 predicted 0. */
  fn: number;
}

/** Counts true/false positives/negatives; labels must be 0 or 1. */
export function confusion(yTrue: Numbers, yPred: Numbers): Confusion {
  checkLengths(yTrue, yPred);
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i], p = yPred[i];
    if ((t !== 0 && t !== 1) || (p !== 0 && p !== 1)) {
      throw new RangeError(`labels must be 0 or 1; found yTrue ${t}, yPred ${p} at ${i}`);
    }
    if (t === 1) p === 1 ? c.tp++ : c.fn++;
    else p === 1 ? c.fp++ : c.tn++;
  }
  return c;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Share of correct labels. */
export function accuracy(yTrue: Numbers, yPred: Numbers): number {
  const c = confusion(yTrue, yPred);
  return (c.tp + c.tn) / yTrue.length;
}

/** Precision of the positive class: tp / (tp + fp); 0 when nothing is predicted positive. */
export function precision(yTrue: Numbers, yPred: Numbers): number {
  const c = confusion(yTrue, yPred);
  return ratio(c.tp, c.tp + c.fp);
}

/** Recall of the positive class: tp / (tp + fn); 0 when there is no positive. */
export function recall(yTrue: Numbers, yPred: Numbers): number {
  const c = confusion(yTrue, yPred);
  return ratio(c.tp, c.tp + c.fn);
}

/** F1 of the positive class: 2tp / (2tp + fp + fn); 0 when undefined. */
export function f1Score(yTrue: Numbers, yPred: Numbers): number {
  const c = confusion(yTrue, yPred);
  return ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);
}

/** Mean of the recalls of both classes (0.5 for any constant predictor on two classes). */
export function balancedAccuracy(yTrue: Numbers, yPred: Numbers): number {
  const c = confusion(yTrue, yPred);
  const present = [c.tp + c.fn, c.tn + c.fp].filter((n) => n > 0).length;
  return (ratio(c.tp, c.tp + c.fn) + ratio(c.tn, c.tn + c.fp)) / present;
}

/** Matthews correlation coefficient in [−1, 1]; 0 when undefined (a constant predictor). */
export function mcc(yTrue: Numbers, yPred: Numbers): number {
  const { tp, fp, tn, fn } = confusion(yTrue, yPred);
  const den = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return den === 0 ? 0 : (tp * tn - fp * fn) / den;
}

/**
 * Area under the ROC curve from scores (higher = more likely positive), ties counted half
 * (the Mann–Whitney statistic). NaN when only one class is present.
 */
export function rocAuc(yTrue: Numbers, scores: Numbers): number {
  checkLengths(yTrue, scores, "scores");
  const order = Array.from({ length: yTrue.length }, (_, i) => i).sort((a, b) =>
    scores[a] - scores[b]
  );
  let positives = 0, rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const midRank = (i + j) / 2 + 1; // average 1-based rank of the tie group
    for (let k = i; k <= j; k++) {
      if (yTrue[order[k]] === 1) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = yTrue.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
}

/** 1 where `y ≥ threshold`, else 0. */
export function binarize(y: Numbers, threshold: number): number[] {
  return Array.from(y, (v) => (v >= threshold ? 1 : 0));
}

/** The class most frequent in `yTrain` (ties → 1), the majority-class baseline's constant answer. */
export function majorityClass(yTrain: Numbers): 0 | 1 {
  let ones = 0;
  for (let i = 0; i < yTrain.length; i++) ones += yTrain[i] === 1 ? 1 : 0;
  return ones * 2 >= yTrain.length ? 1 : 0;
}

/** A metric's value with a bootstrap 95 % confidence interval. */
export interface Estimate {
  /** The metric on the whole test set. */
  value: number;
  /** 2.5th and 97.5th percentiles over bootstrap resamples of the test rows; NaN if undefined. */
  low: number;
  /** The 97.5th percentile over the bootstrap resamples; NaN if undefined. */
  high: number;
}

/** Options of {@link bootstrap}. */
export interface BootstrapOptions {
  /** Resamples; default 1000. */
  resamples?: number;
  /** Seed of the resampling; default 0. */
  seed?: number;
}

/**
 * Percentile bootstrap 95 % CI of `metric(yTrue, yPred)`: rows resampled with replacement.
 * Resamples on which the metric is undefined (NaN) are skipped.
 */
export function bootstrap(
  metric: (yTrue: number[], yPred: number[]) => number,
  yTrue: Numbers,
  yPred: Numbers,
  options: BootstrapOptions = {},
): Estimate {
  checkLengths(yTrue, yPred);
  const { resamples = 1000, seed = 0 } = options;
  const rng = new Rng(seed);
  const n = yTrue.length;
  const values: number[] = [];
  const t = new Array<number>(n), p = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = rng.int(0, n);
      t[i] = yTrue[k];
      p[i] = yPred[k];
    }
    const v = metric(t, p);
    if (!Number.isNaN(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const q = (f: number) =>
    values.length ? values[Math.min(values.length - 1, Math.floor(f * values.length))] : NaN;
  return { value: metric(Array.from(yTrue), Array.from(yPred)), low: q(0.025), high: q(0.975) };
}

/** One row of a report: the model's estimate and the trivial baseline's, for one metric. */
export interface ReportRow {
  /** The metric's name, e.g. "MAE" or "F1". */
  metric: string;
  /** The model's value and its 95 % interval. */
  model: Estimate;
  /** The trivial baseline's value and its 95 % interval. */
  baseline: Estimate;
  /** Which baseline: "mean predictor" or "majority class (…)". */
  baselineName: string;
  /** true when larger is better (accuracy, R²), false for errors (MAE, RMSE). */
  higherIsBetter: boolean;
}

/** Options of {@link regressionReport}. */
export interface RegressionReportOptions extends BootstrapOptions {
  /** Popularity at or above which a track counts as popular, for the threshold metrics. */
  threshold?: number | null;
  /**
   * Training targets: the baselines are fitted on them (mean, majority class), as a real model
   * would be. Default: the test targets themselves (which flatters the baselines slightly).
   */
  yTrain?: Numbers;
}

const CLASSIFICATION: [string, (t: number[], p: number[]) => number][] = [
  ["accuracy", accuracy],
  ["precision", precision],
  ["recall", recall],
  ["F1", f1Score],
  ["balanced accuracy", balancedAccuracy],
  ["MCC", mcc],
];

/** Report rows for binary labels (with optional scores for ROC-AUC), majority baseline beside. */
export function classificationReport(
  yTrue: Numbers,
  yPred: Numbers,
  options: BootstrapOptions & { scores?: Numbers; yTrain?: Numbers } = {},
): ReportRow[] {
  const majority = majorityClass(options.yTrain ?? yTrue);
  const constant = Array.from(yTrue, () => majority);
  const baselineName = `majority class (${majority})`;
  const rows: ReportRow[] = CLASSIFICATION.map(([name, fn]) => ({
    metric: name,
    model: bootstrap(fn, yTrue, yPred, options),
    baseline: bootstrap(fn, yTrue, constant, options),
    baselineName,
    higherIsBetter: true,
  }));
  if (options.scores) {
    rows.push({
      metric: "ROC-AUC",
      model: bootstrap(rocAuc, yTrue, options.scores, options),
      baseline: bootstrap(rocAuc, yTrue, constant, options),
      baselineName,
      higherIsBetter: true,
    });
  }
  return rows;
}

/**
 * Report rows for a regression target: MAE, RMSE and R² beside the mean predictor's and, when a
 * threshold is given, the classification metrics of `y ≥ threshold` beside the majority class
 * (predictions used as scores for ROC-AUC).
 */
export function regressionReport(
  yTrue: Numbers,
  yPred: Numbers,
  options: RegressionReportOptions = {},
): ReportRow[] {
  checkLengths(yTrue, yPred);
  const meanValue = mean(options.yTrain ?? yTrue);
  const constant = Array.from(yTrue, () => meanValue);
  const rows: ReportRow[] = (
    [["MAE", mae, false], ["RMSE", rmse, false], ["R²", r2, true]] as const
  ).map(([name, fn, higher]) => ({
    metric: name,
    model: bootstrap(fn, yTrue, yPred, options),
    baseline: bootstrap(fn, yTrue, constant, options),
    baselineName: "mean predictor",
    higherIsBetter: higher,
  }));
  if (options.threshold !== undefined && options.threshold !== null) {
    const t = binarize(yTrue, options.threshold);
    rows.push(
      ...classificationReport(t, binarize(yPred, options.threshold), {
        ...options,
        scores: yPred,
        yTrain: options.yTrain ? binarize(options.yTrain, options.threshold) : undefined,
      }),
    );
  }
  return rows;
}
