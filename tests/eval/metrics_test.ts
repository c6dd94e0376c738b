import assert from "node:assert/strict";
import {
  accuracy,
  balancedAccuracy,
  binarize,
  bootstrap,
  classificationReport,
  confusion,
  f1Score,
  mae,
  majorityClass,
  mcc,
  mse,
  precision,
  r2,
  recall,
  regressionReport,
  rmse,
  rocAuc,
} from "../../lib/eval/metrics.ts";
import { Rng } from "../../lib/data/random.ts";

const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);

Deno.test("regression errors on a hand-made example", () => {
  const t = [3, -0.5, 2, 7], p = [2.5, 0.0, 2, 8];
  close(mae(t, p), 0.5);
  close(mse(t, p), 0.375);
  close(rmse(t, p), Math.sqrt(0.375));
  close(r2(t, p), 0.9486081370449679); // scikit-learn's r2_score example
  close(r2(t, t.map(() => 2.875)), 0);
  assert.ok(Number.isNaN(r2([1, 1], [1, 2])));
  assert.throws(() => mae([1], [1, 2]), /1 values but yPred has 2/);
  assert.throws(() => mae([], []), /no values/);
});

Deno.test("binary metrics match scikit-learn's definitions", () => {
  const t = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
  const p = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0];
  assert.deepEqual(confusion(t, p), { tp: 3, fp: 1, tn: 5, fn: 1 });
  close(accuracy(t, p), 0.8);
  close(precision(t, p), 0.75);
  close(recall(t, p), 0.75);
  close(f1Score(t, p), 0.75);
  close(balancedAccuracy(t, p), (0.75 + 5 / 6) / 2);
  close(mcc(t, p), (3 * 5 - 1 * 1) / Math.sqrt(4 * 4 * 6 * 6));
  // undefined cases are 0, as scikit-learn's zero_division=0
  assert.equal(precision([1, 0], [0, 0]), 0);
  assert.equal(f1Score([0, 0], [0, 0]), 0);
  assert.equal(mcc([1, 0, 1], [1, 1, 1]), 0);
  assert.throws(() => accuracy([2], [1]), /labels must be 0 or 1/);
});

Deno.test("ROC-AUC counts ties half and is NaN with one class", () => {
  close(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75); // scikit-learn's example
  close(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]), 0.5);
  close(rocAuc([0, 1], [0.9, 0.1]), 0);
  assert.ok(Number.isNaN(rocAuc([1, 1], [0.2, 0.3])));
});

Deno.test("the paper's headline: predicting everything popular scores F1 ≈ 0.979", () => {
  // 95.87 % popular songs: the constant 'popular' predictor has precision 0.9587, recall 1.
  const t = Array.from({ length: 10_000 }, (_, i) => (i < 9587 ? 1 : 0));
  const everything = t.map(() => 1);
  close(f1Score(t, everything), 2 * 0.9587 / 1.9587, 1e-12);
  assert.ok(f1Score(t, everything) > 0.978);
  assert.equal(majorityClass(t), 1);
  close(balancedAccuracy(t, everything), 0.5);
  assert.equal(mcc(t, everything), 0);
});

Deno.test("the mean predictor's MAE for σ = 11.65 is ≈ 9.3", () => {
  const rng = new Rng(1);
  const y = Array.from({ length: 200_000 }, () => rng.normal(50, 11.65));
  const m = y.reduce((a, b) => a + b, 0) / y.length;
  close(mae(y, y.map(() => m)), 11.65 * Math.sqrt(2 / Math.PI), 0.05);
});

Deno.test("bootstrap CIs contain the value, narrow with n, and are seeded", () => {
  const rng = new Rng(2);
  const t = Array.from({ length: 400 }, () => rng.normal(0, 1));
  const p = t.map((v) => v + rng.normal(0, 0.5));
  const e = bootstrap(mae, t, p, { resamples: 300, seed: 1 });
  assert.ok(e.low <= e.value && e.value <= e.high);
  assert.ok(e.high - e.low < 0.15);
  assert.deepEqual(bootstrap(mae, t, p, { resamples: 300, seed: 1 }), e);
  const small = bootstrap(mae, t.slice(0, 40), p.slice(0, 40), { resamples: 300, seed: 1 });
  assert.ok(small.high - small.low > e.high - e.low);
});

Deno.test("reports always carry the trivial baseline beside the model", () => {
  const yTrain = [40, 50, 60, 70];
  const t = [45, 55, 65, 75, 35], p = [47, 52, 66, 70, 40];
  const rows = regressionReport(t, p, { threshold: 50, yTrain, resamples: 50 });
  const names = rows.map((r) => r.metric);
  assert.deepEqual(names.slice(0, 3), ["MAE", "RMSE", "R²"]);
  assert.ok(names.includes("F1") && names.includes("MCC") && names.includes("ROC-AUC"));
  const maeRow = rows[0];
  assert.equal(maeRow.baselineName, "mean predictor");
  close(maeRow.baseline.value, mae(t, t.map(() => 55)));
  const f1 = rows.find((r) => r.metric === "F1")!;
  assert.equal(f1.baselineName, "majority class (1)");
  close(f1.baseline.value, f1Score(binarize(t, 50), [1, 1, 1, 1, 1]));
  const cls = classificationReport([1, 0, 0], [1, 0, 1], { resamples: 20 });
  assert.equal(cls.find((r) => r.metric === "accuracy")!.baselineName, "majority class (0)");
});
