import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  comparisonHeadlines,
  majorityScores,
  protocolName,
} from "../../../lib/eval/compare/headlines.ts";
import { protocolFolds, runComparison } from "../../../lib/eval/compare/protocol.ts";
import { comparisonTable } from "../../../lib/eval/compare/table.ts";
import { Headline } from "../../../lib/eval/headline.ts";
import { balancedAccuracy, f1Score, majorityClass } from "../../../lib/eval/metrics.ts";
import { demoTable } from "./fixture.ts";

const table = comparisonTable(demoTable(), { exclude: ["streams", "hit"] });
const kfold = { kind: "group-kfold" as const, folds: 3, seed: 2 };

Deno.test("majorityScores averages the training majority's scores over the protocol's folds", () => {
  const folds = protocolFolds(table, kfold);
  const f1s = folds.map((fold) => {
    const label = majorityClass(fold.train.map((i) => table.y[i]));
    const yTrue = fold.test.map((i) => table.y[i]);
    return f1Score(yTrue, yTrue.map(() => label));
  });
  const scores = majorityScores(table, kfold);
  assert.ok(Math.abs(scores.f1 - f1s.reduce((a, b) => a + b, 0) / f1s.length) < 1e-12);
  assert.equal(scores.roc_auc, 0.5);
  const holdout = majorityScores(table, { kind: "holdout" });
  const test = table.holdout.flatMap((p, i) => (p === "test" ? [table.y[i]] : []));
  const train = table.holdout.flatMap((p, i) => (p === "train" ? [table.y[i]] : []));
  const label = majorityClass(train);
  assert.equal(holdout.balanced_accuracy, balancedAccuracy(test, test.map(() => label)));
  assert.equal(holdout.mcc, 0);
});

Deno.test("comparisonHeadlines: per protocol, the best model by F1 beside the majority class", async () => {
  const models = ["dummy", "logreg", "gaussian_nb"] as const;
  const k = await runComparison(table, { protocol: kfold, models, workers: 1 });
  const h = await runComparison(table, { protocol: { kind: "holdout" }, models, workers: 1 });
  const headlines = comparisonHeadlines(table, [k, null, h]).map((x) => Headline.parse(x));
  assert.equal(headlines.length, 6);
  assert.deepEqual(headlines.map((x) => x.metric), [
    "F1 (artist-grouped 3-fold)",
    "balanced accuracy (artist-grouped 3-fold)",
    "MCC (artist-grouped 3-fold)",
    "F1 (80/20 artist split)",
    "balanced accuracy (80/20 artist split)",
    "MCC (80/20 artist split)",
  ]);
  const rows = k.summary.toRecords() as Record<string, number | string>[];
  const best = rows.filter((r) => r.model !== "dummy").sort((a, b) => +b.f1 - +a.f1)[0];
  const dummy = rows.find((r) => r.model === "dummy")!;
  assert.equal(headlines[0].label, best.label);
  assert.equal(headlines[0].value, best.f1);
  // The majority baseline is the dummy model's score on the same folds.
  assert.ok(Math.abs(headlines[0].baselineValue - Number(dummy.f1)) < 1e-12);
  assert.ok(Math.abs(headlines[1].baselineValue - Number(dummy.balanced_accuracy)) < 1e-12);
  assert.equal(headlines[0].n, table.y.length);
  assert.equal(headlines[3].n, table.holdout.filter((p) => p === "test").length);
  assert.ok(headlines.every((x) => x.baseline === "majority class" && !x.lowerIsBetter));
});

Deno.test("comparisonHeadlines: no scored model, no headline; protocols in words", () => {
  const summary = pl.DataFrame({ model: ["dummy"], label: ["Majority class"], f1: [0.5] });
  const result = {
    dataset: "x",
    protocol: { kind: "holdout" as const },
    scores: [],
    summary,
    seconds: 0,
    threads: 1,
  };
  assert.deepEqual(comparisonHeadlines(table, [result]), []);
  assert.equal(protocolName(kfold), "artist-grouped 3-fold");
  assert.equal(protocolName({ kind: "holdout" }), "80/20 artist split");
});
