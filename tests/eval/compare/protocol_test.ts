import assert from "node:assert/strict";
import { assertNoGroupLeakage } from "../../../lib/data/split.ts";
import {
  foldMetrics,
  progressLine,
  protocolFolds,
  runComparison,
} from "../../../lib/eval/compare/protocol.ts";
import { comparisonTable } from "../../../lib/eval/compare/table.ts";
import { f1Score, majorityClass } from "../../../lib/eval/metrics.ts";
import { demoTable } from "./fixture.ts";

const table = comparisonTable(demoTable(), { exclude: ["streams", "hit"] });

Deno.test("grouped folds test every row once and never split an artist", () => {
  const folds = protocolFolds(table, { kind: "group-kfold", folds: 4, seed: 1 });
  assert.equal(folds.length, 4);
  const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
  assert.deepEqual(tested, Array.from({ length: table.X.rows }, (_, i) => i));
  for (const fold of folds) {
    const parts = new Array<string | undefined>(table.X.rows);
    fold.train.forEach((i) => (parts[i] = "train"));
    fold.test.forEach((i) => (parts[i] = "test"));
    assertNoGroupLeakage(table.artistIds, parts);
  }
  const [holdout] = protocolFolds(table, { kind: "holdout" });
  assert.equal(holdout.test.length, table.holdout.filter((p) => p === "test").length);
});

Deno.test("every model is scored on every fold, with the metrics of its predictions", async () => {
  const result = await runComparison(table, {
    protocol: { kind: "group-kfold", folds: 3, seed: 2 },
    models: ["dummy", "logreg", "gaussian_nb"],
    workers: 1,
  });
  assert.equal(result.scores.length, 9);
  assert.deepEqual(result.summary.getColumn("model").toArray(), ["dummy", "logreg", "gaussian_nb"]);
  // The dummy's fold scores are those of the training majority, recomputed here.
  const folds = protocolFolds(table, { kind: "group-kfold", folds: 3, seed: 2 });
  folds.forEach((fold, f) => {
    const majority = majorityClass(fold.train.map((i) => table.y[i]));
    const yTrue = fold.test.map((i) => table.y[i]);
    const score = result.scores.find((s) => s.model === "dummy" && s.fold === f)!;
    assert.equal(score.metrics.f1, f1Score(yTrue, yTrue.map(() => majority)));
    assert.equal(score.metrics.roc_auc, 0.5);
    assert.equal(score.testRows, fold.test.length);
  });
  const logreg = result.summary.toRecords().find((r) => r.model === "logreg")!;
  const f1s = result.scores.filter((s) => s.model === "logreg").map((s) => s.metrics.f1);
  assert.ok(Math.abs(Number(logreg.f1) - f1s.reduce((a, b) => a + b, 0) / 3) < 1e-12);
  assert.ok(Number(logreg.roc_auc) > 0.8, `logreg ROC-AUC ${logreg.roc_auc}`);
  assert.equal(logreg.failed, 0);
});

Deno.test("a model that fails on a fold is recorded with its error", async () => {
  const oneClass = { ...table, y: new Uint8Array(table.y.length).fill(1) };
  const result = await runComparison(oneClass, {
    protocol: { kind: "holdout" },
    models: ["dummy", "lda"],
    workers: 1,
  });
  const rows = result.summary.toRecords();
  assert.equal(rows[0].failed, 0);
  assert.equal(rows[1].failed, 1);
  assert.match(String(rows[1].notes), /SingleClassError: .*only class 1/);
  assert.equal(rows[1].f1, null);
});

Deno.test("worker threads give the same scores as this thread", async () => {
  const options = {
    protocol: { kind: "group-kfold" as const, folds: 3, seed: 4 },
    models: ["random_forest", "mlp", "knn", "qda"] as const,
    settings: { seed: 5 },
  };
  const here = await runComparison(table, { ...options, models: [...options.models], workers: 1 });
  const there = await runComparison(table, { ...options, models: [...options.models], workers: 2 });
  assert.equal(there.threads, 2);
  assert.deepEqual(
    there.scores.map((s) => s.metrics),
    here.scores.map((s) => s.metrics),
  );
});

Deno.test("fold metrics and the progress line", () => {
  const m = foldMetrics([1, 0, 1, 0], [1, 0, 0, 0], [0.9, 0.1, 0.4, 0.3]);
  assert.equal(m.precision, 1);
  assert.equal(m.recall, 0.5);
  assert.equal(m.accuracy, 0.75);
  assert.equal(m.roc_auc, 1);
  assert.match(
    progressLine({ done: 3, total: 12, model: "mlp", fold: 0, elapsed: 6 }),
    /3\/12 fits · mlp fold 1 · 6\.0 s elapsed · ~18 s left/,
  );
});
