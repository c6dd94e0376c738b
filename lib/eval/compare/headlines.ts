/**
 * The model comparison's headline numbers: for each protocol run, the best model by F1 with its
 * F1, balanced accuracy and MCC, each beside what the majority class of the training rows scores
 * on the same test rows (averaged over the same folds).
 *
 * @example
 * ```ts
 * import { comparisonHeadlines } from "./headlines.ts";
 * // const headlines = comparisonHeadlines(table, [kfoldResult, holdoutResult]);
 * // await saveHeadlines(resultsDir(config), "05_model_comparison", headlines);
 * ```
 * @module
 */
import type { z } from "zod";
import type { Headline } from "../headline.ts";
import { majorityClass } from "../metrics.ts";
import {
  type ComparisonResult,
  foldMetrics,
  type MetricName,
  type Protocol,
  protocolFolds,
} from "./protocol.ts";
import type { ComparisonTable } from "./table.ts";

/**
 * What answering each fold's training majority class for every test row scores, averaged over
 * the protocol's folds (NaN for a metric undefined on every fold, such as ROC-AUC).
 */
export function majorityScores(
  table: ComparisonTable,
  protocol: Protocol,
): Record<MetricName, number> {
  const folds = protocolFolds(table, protocol).filter((f) =>
    f.train.length > 0 && f.test.length > 0
  );
  if (folds.length === 0) throw new RangeError("no fold with both training and test rows");
  const sums: Partial<Record<MetricName, { sum: number; n: number }>> = {};
  for (const fold of folds) {
    const label = majorityClass(fold.train.map((i) => table.y[i]));
    const yTest = fold.test.map((i) => table.y[i]);
    const constant = yTest.map(() => label);
    for (const [m, v] of Object.entries(foldMetrics(yTest, constant, constant))) {
      const s = sums[m as MetricName] ??= { sum: 0, n: 0 };
      if (Number.isFinite(v)) {
        s.sum += v;
        s.n += 1;
      }
    }
  }
  return Object.fromEntries(
    Object.entries(sums).map(([m, s]) => [m, s!.n > 0 ? s!.sum / s!.n : NaN]),
  ) as Record<MetricName, number>;
}

/** A protocol in words, for a headline: "artist-grouped 5-fold" or "80/20 artist split". */
export function protocolName(protocol: Protocol): string {
  return protocol.kind === "group-kfold"
    ? `artist-grouped ${protocol.folds}-fold`
    : "80/20 artist split";
}

const HEADLINE_METRICS: readonly [MetricName, string][] = [
  ["f1", "F1"],
  ["balanced_accuracy", "balanced accuracy"],
  ["mcc", "MCC"],
];

/**
 * Per comparison run, the best model by F1 (the majority-class model itself left out) with its
 * F1, balanced accuracy and MCC beside the majority class's on the same rows. A run without a
 * scored model (or a protocol not run: null) gives no headline.
 */
export function comparisonHeadlines(
  table: ComparisonTable,
  results: readonly (ComparisonResult | null | undefined)[],
): z.input<typeof Headline>[] {
  const out: z.input<typeof Headline>[] = [];
  for (const result of results) {
    if (!result) continue;
    const rows = (result.summary.toRecords() as Record<string, unknown>[]).filter((r) =>
      r.model !== "dummy" && typeof r.f1 === "number" && Number.isFinite(r.f1)
    );
    if (rows.length === 0) continue;
    const best = rows.reduce((a, b) => (Number(b.f1) > Number(a.f1) ? b : a));
    const majority = majorityScores(table, result.protocol);
    const n = result.protocol.kind === "holdout"
      ? table.holdout.filter((p) => p === "test").length
      : table.y.length;
    const label = String(best.label ?? best.model);
    for (const [key, name] of HEADLINE_METRICS) {
      const value = best[key];
      if (typeof value !== "number" || !Number.isFinite(value)) continue;
      if (!Number.isFinite(majority[key])) continue;
      out.push({
        label,
        metric: `${name} (${protocolName(result.protocol)})`,
        value,
        baseline: "majority class",
        baselineValue: majority[key],
        lowerIsBetter: false,
        n,
      });
    }
  }
  return out;
}
