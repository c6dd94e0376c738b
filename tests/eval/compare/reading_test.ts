import assert from "node:assert/strict";
import { allPositiveScores, SEED_PAPER } from "../../../lib/eval/compare/paper.ts";
import { comparisonReading, trivialBaselines } from "../../../lib/eval/compare/reading.ts";
import { summarizeScores } from "../../../lib/eval/compare/protocol.ts";
import type { ComparisonTable } from "../../../lib/eval/compare/table.ts";

Deno.test("the paper's F1 is the constant 'popular' answer's at its popular share", () => {
  assert.ok(Math.abs(SEED_PAPER.f1 - 0.97790) < 1e-5);
  const constant = allPositiveScores(SEED_PAPER.precision);
  assert.ok(Math.abs(constant.f1 - 2 * 0.9587 / 1.9587) < 1e-12);
  assert.equal(constant.recall, 1);
  assert.deepEqual(allPositiveScores(0), { precision: 0, recall: 0, f1: 0, accuracy: 0 });
});

const table: ComparisonTable = {
  dataset: "hand",
  features: ["x"],
  X: { data: new Float64Array(10), rows: 10, cols: 1 },
  // training rows 0–5: four 1s (majority 1); test rows 6–9: one 1
  y: Uint8Array.of(1, 1, 1, 1, 0, 0, 1, 0, 0, 0),
  targetColumn: "track_popularity",
  target: Float64Array.of(60, 70, 80, 90, 10, 20, 60, 30, 40, 10),
  targetKind: "regression",
  threshold: 50,
  labelRule: "track_popularity ≥ 50",
  trackIds: Array.from({ length: 10 }, (_, i) => `t${i}`),
  artistIds: Array.from({ length: 10 }, (_, i) => `a${i}`),
  holdout: ["train", "train", "train", "train", "train", "train", "test", "test", "test", "test"],
  droppedFeatures: [],
  excludedRows: 0,
  missingByColumn: {},
};

Deno.test("trivial baselines are fitted on the training rows and scored on the test rows", () => {
  const t = trivialBaselines(table);
  assert.equal(t.testRows, 4);
  assert.equal(t.positiveShare.test, 0.25);
  assert.equal(t.majority.label, 1);
  assert.equal(t.majority.accuracy, 0.25);
  assert.equal(t.majority.f1, 0.4);
  assert.equal(t.allPositive.f1, 0.4);
  assert.equal(t.meanPredictor.mean, 55);
  assert.equal(t.meanPredictor.mae, (5 + 25 + 15 + 45) / 4);
});

Deno.test("the reading states the baselines, the best model and the paper's constant answer", () => {
  const summary = summarizeScores(["dummy", "logreg"].map((model, k) => ({
    model,
    fold: 0,
    trainRows: 6,
    testRows: 4,
    metrics: {
      precision: 0.5,
      recall: 1,
      f1: 0.667,
      accuracy: 0.75,
      balanced_accuracy: k === 0 ? 0.5 : 0.833,
      mcc: 0.577,
      roc_auc: 0.9,
    },
    fitSeconds: 0,
    predictSeconds: 0,
    notes: [],
    error: null,
  })));
  const text = comparisonReading(summary, trivialBaselines(table));
  assert.match(text, /majority class of the training rows is 1; .*accuracy 0\.250, F1 0\.400/);
  assert.match(text, /best model by balanced accuracy is \*\*Logistic regression\*\*/);
  assert.match(text, /0\.333 above the majority class/);
  assert.match(text, /2p\/\(1 \+ p\) = 0\.979/);
  assert.match(text, /MAE 22\.50/);
});
