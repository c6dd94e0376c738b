import assert from "node:assert/strict";
import { summarizeScores } from "../../lib/eval/compare/protocol.ts";
import { comparisonDisplayFrame, comparisonFigure } from "../../lib/viz/comparison.ts";

const base = {
  trainRows: 80,
  testRows: 20,
  fitSeconds: 0.5,
  predictSeconds: 0,
  notes: [] as string[],
  error: null,
};
const metrics = (f1: number) => ({
  precision: 0.7,
  recall: 0.8,
  f1,
  accuracy: 0.75,
  balanced_accuracy: 0.7,
  mcc: 0.4,
  roc_auc: NaN,
});
const summary = summarizeScores([
  { ...base, model: "dummy", fold: 0, metrics: metrics(0.6) },
  { ...base, model: "logreg", fold: 0, metrics: metrics(0.7) },
  { ...base, model: "logreg", fold: 1, metrics: metrics(0.8) },
]);

Deno.test("the display table shows Table 4's metrics as mean ± sd, and a dash when undefined", () => {
  const rows = comparisonDisplayFrame(summary).toRecords();
  assert.deepEqual(Object.keys(rows[0]).slice(0, 5), [
    "model",
    "precision",
    "recall",
    "F1",
    "accuracy",
  ]);
  assert.equal(rows[0].model, "Majority class");
  assert.equal(rows[0].F1, "0.600");
  assert.equal(rows[1].F1, "0.750 ± 0.071");
  assert.equal(rows[1]["ROC-AUC"], "—");
  assert.equal(rows[1]["fit s"], "0.50");
});

Deno.test("the comparison figure groups metrics per model, first model on top, with whiskers", () => {
  const fig = comparisonFigure(summary);
  assert.deepEqual(fig.data.map((t) => t.name), ["F1", "balanced acc.", "ROC-AUC"]);
  const f1 = fig.data[0] as Record<string, unknown>;
  assert.deepEqual(f1.y, ["Logistic regression", "Majority class"]);
  assert.deepEqual(f1.x, [0.75, 0.6]);
  const sd = (f1.error_x as { array: number[] }).array;
  assert.ok(Math.abs(sd[0] - Math.SQRT1_2 / 10) < 1e-12);
  assert.equal(sd[1], 0);
});
