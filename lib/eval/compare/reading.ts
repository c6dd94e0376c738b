/**
 * What the trivial answers score on the comparison's test rows — the majority class, "every
 * track positive", the mean predictor — and a short written reading of a comparison built from
 * the numbers, so a notebook states plainly how far above them each model is.
 *
 * @example
 * ```ts
 * import { comparisonReading, trivialBaselines } from "./reading.ts";
 * // const trivial = trivialBaselines(table);
 * // await showMarkdown(comparisonReading(result.summary, trivial));
 * ```
 * @module
 */
import type pl from "nodejs-polars";
import {
  accuracy,
  balancedAccuracy,
  f1Score,
  mae,
  majorityClass,
  precision,
  recall,
} from "../metrics.ts";
import { allPositiveScores, SEED_PAPER } from "./paper.ts";
import type { ComparisonTable } from "./table.ts";

/** Scores of the trivial answers on the 80/20 test rows, each fitted on the training rows. */
export interface TrivialBaselines {
  /** Rows in the 80/20 test part. */
  testRows: number;
  /** Share of positives among the test and the training rows. */
  positiveShare: { test: number; train: number };
  /** The training majority class and its scores on the test rows. */
  majority: {
    label: 0 | 1;
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
    balancedAccuracy: number;
  };
  /** The constant answer "positive" on the test rows. */
  allPositive: { precision: number; recall: number; f1: number; accuracy: number };
  /** Predicting the training mean of the raw target for every test row. */
  meanPredictor: { column: string; mean: number; mae: number; testSd: number };
}

/** Computes {@link TrivialBaselines} on the table's 80/20 split. */
export function trivialBaselines(table: ComparisonTable): TrivialBaselines {
  const train: number[] = [], test: number[] = [];
  table.holdout.forEach((p, i) => (p === "test" ? test : train).push(i));
  if (test.length === 0 || train.length === 0) {
    throw new RangeError(
      `expected training and test rows in the 80/20 split; found ${train.length} and ${test.length}`,
    );
  }
  const yTest = test.map((i) => table.y[i]), yTrain = train.map((i) => table.y[i]);
  const label = majorityClass(yTrain);
  const constant = yTest.map(() => label);
  const share = (ys: number[]) => ys.reduce((a, b) => a + b, 0) / ys.length;
  const targetTrain = train.map((i) => table.target[i]);
  const targetTest = test.map((i) => table.target[i]);
  const mean = targetTrain.reduce((a, b) => a + b, 0) / targetTrain.length;
  const testMean = targetTest.reduce((a, b) => a + b, 0) / targetTest.length;
  const testSd = Math.sqrt(
    targetTest.reduce((a, b) => a + (b - testMean) ** 2, 0) / Math.max(targetTest.length - 1, 1),
  );
  return {
    testRows: test.length,
    positiveShare: { test: share(yTest), train: share(yTrain) },
    majority: {
      label,
      accuracy: accuracy(yTest, constant),
      precision: precision(yTest, constant),
      recall: recall(yTest, constant),
      f1: f1Score(yTest, constant),
      balancedAccuracy: balancedAccuracy(yTest, constant),
    },
    allPositive: allPositiveScores(share(yTest)),
    meanPredictor: {
      column: table.targetColumn,
      mean,
      mae: mae(targetTest, targetTest.map(() => mean)),
      testSd,
    },
  };
}

const f3 = (x: number) => x.toFixed(3);
const big = (x: number) =>
  Math.abs(x) >= 1e4 ? x.toLocaleString("en", { maximumFractionDigits: 0 }) : x.toPrecision(4);

/**
 * A few sentences on a comparison: the trivial answers' scores, the best model by balanced
 * accuracy and its margin over the majority class, and the paper's F1 set against the constant
 * "popular" answer.
 *
 * @param summary a comparison summary (or one with external rows joined)
 * @param trivial the trivial baselines of the same table
 */
export function comparisonReading(summary: pl.DataFrame, trivial: TrivialBaselines): string {
  const rows = summary.toRecords() as Record<string, unknown>[];
  const scored = rows.filter((r) => typeof r.balanced_accuracy === "number" && r.model !== "dummy");
  scored.sort((a, b) => Number(b.balanced_accuracy) - Number(a.balanced_accuracy));
  const best = scored[0];
  const t = trivial;
  const lines = [
    `**Reading.** On the ${
      t.testRows.toLocaleString("en")
    } test tracks of the 80/20 artist split, ` +
    `${(100 * t.positiveShare.test).toFixed(1)} % are positive. The majority class of the ` +
    `training rows is ${t.majority.label}; answering it for every track scores accuracy ` +
    `${f3(t.majority.accuracy)}, F1 ${f3(t.majority.f1)} and balanced accuracy 0.5. Answering ` +
    `"positive" for every track would score F1 ${f3(t.allPositive.f1)} (precision ` +
    `${f3(t.allPositive.precision)}, recall 1).`,
    "",
    `The paper's F1 of ${f3(SEED_PAPER.f1)} (precision ${SEED_PAPER.precision}, recall ` +
    `${SEED_PAPER.recall}) is what that constant answer scores when ` +
    `${(100 * SEED_PAPER.precision).toFixed(1)} % of the songs are popular: ` +
    `F1 = 2p/(1 + p) = ${f3(allPositiveScores(SEED_PAPER.precision).f1)}. ` +
    `An F1 means little until the majority baseline stands beside it; balanced accuracy and MCC ` +
    `do not reward a constant answer.`,
  ];
  if (best) {
    lines.push(
      "",
      `The best model by balanced accuracy is **${best.label}**: balanced accuracy ` +
        `${f3(Number(best.balanced_accuracy))}, F1 ${f3(Number(best.f1))}, MCC ` +
        `${f3(Number(best.mcc))}` +
        (typeof best.roc_auc === "number" ? `, ROC-AUC ${f3(best.roc_auc)}` : "") +
        ` — ${(Number(best.balanced_accuracy) - 0.5).toFixed(3)} above the majority class's 0.5.`,
    );
  }
  const m = t.meanPredictor;
  lines.push(
    "",
    `Mean predictor: answering the training mean of \`${m.column}\` (${big(m.mean)}) for every ` +
      `test track gives MAE ${big(m.mae)} (test standard deviation ${big(m.testSd)}); the paper ` +
      `quotes ≈ ${SEED_PAPER.meanPredictorMae} for a popularity spread of σ = ` +
      `${SEED_PAPER.popularitySd} — the error a regression must beat to have learnt anything.`,
  );
  return lines.join("\n");
}
