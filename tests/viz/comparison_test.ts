import assert from "node:assert/strict";
import { runComparison, summarizeScores } from "../../lib/eval/compare/protocol.ts";
import { trivialBaselines } from "../../lib/eval/compare/reading.ts";
import { comparisonTable } from "../../lib/eval/compare/table.ts";
import type { CnnFoldsResult } from "../../lib/eval/compare/cnn_folds.ts";
import {
  baselinesFrame,
  cnnFoldsMarkdown,
  comparisonDisplayFrame,
  comparisonFigure,
  comparisonRunMarkdown,
  droppedFeaturesFrame,
  exportedTableMarkdown,
  externalResultsMarkdown,
  paperComparisonFrame,
  protocolTitle,
  scoredTableMarkdown,
} from "../../lib/viz/comparison.ts";
import { demoTable } from "../eval/compare/fixture.ts";

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

Deno.test("the comparison notebook's readings: scored table, baselines, files, titles", () => {
  const table = comparisonTable(demoTable(), { exclude: ["streams", "hit"] });
  const text = scoredTableMarkdown(table);
  assert.match(
    text,
    /^\*\*119\*\* rows × \*\*\d+\*\* features \(1 row excluded for a missing value: tempo missing in 1\)\./,
  );
  assert.match(text, /\*\*80\/20 split:\*\* \d+ training and \d+ test rows, 12 artists\./);
  assert.match(text, /\*\*Label:\*\* .*; \d+(\.\d)? % positive\./);
  assert.deepEqual(droppedFeaturesFrame(table).columns, ["feature", "reason"]);
  assert.ok(droppedFeaturesFrame(table).height >= 1);
  assert.deepEqual(baselinesFrame(["dummy", "knn"]).getColumn("name").toArray(), [
    "Majority class",
    "k-nearest neighbours",
  ]);
  const exported = {
    csv: "/root/out/t.csv",
    description: "/root/out/t.json",
    command: "py /root/out/t.csv",
  };
  assert.equal(
    exportedTableMarkdown(exported, (p) => p.replace("/root/", "")),
    "Table: `out/t.csv` · description: `out/t.json`\n\n```sh\npy out/t.csv\n```",
  );
  assert.match(
    externalResultsMarkdown({ results: [], problems: [] }, "/r"),
    /^No result files .* `\/r\/models\/` yet/,
  );
  assert.equal(
    externalResultsMarkdown({
      results: [],
      problems: [{ file: "/r/models/x.json", reason: "bad" }],
    }, "/r")
      .split("\n").at(-1),
    "- unreadable `/r/models/x.json`: bad",
  );
  assert.equal(
    protocolTitle({ kind: "group-kfold", folds: 5, seed: 1 }, table),
    "5-fold artist-grouped comparison, fixture",
  );
  assert.match(
    protocolTitle({ kind: "holdout" }, table),
    /^80\/20 artist split, fixture \(\d+ test rows\)$/,
  );
});

Deno.test("paperComparisonFrame: the paper's numbers, the constant answers and our best model", async () => {
  const table = comparisonTable(demoTable(), { exclude: ["streams", "hit"] });
  const result = await runComparison(table, {
    protocol: { kind: "holdout" },
    models: ["dummy", "logreg"],
    workers: 1,
  });
  const frame = paperComparisonFrame(trivialBaselines(table), result);
  assert.deepEqual(frame.columns, ["row", "precision", "recall", "F1", "accuracy"]);
  const rows = frame.toRecords() as Record<string, string>[];
  assert.equal(rows[0].precision, "0.959");
  assert.equal(rows[0].accuracy, "— (not quoted)");
  assert.match(rows[1].row, /at the paper's 95\.9 % popular/);
  assert.equal(rows[1].F1, "0.979");
  assert.equal(rows[4].row, "best model here: Logistic regression (holdout)");
  assert.ok(rows.every((r) => !/null|NaN/.test(Object.values(r).join())));
  const run = { result, joined: result.summary, saved: "/o/comparison_holdout.csv" };
  assert.match(
    comparisonRunMarkdown(run),
    /^2 fits in .* s on 1 thread; summary saved to `\/o\/comparison_holdout\.csv`\.$/,
  );
});

Deno.test("cnnFoldsMarkdown says what was trained, how long it took, resumes, failures and missing rows", () => {
  const protocol = { kind: "group-kfold" as const, folds: 2, seed: 42 };
  const result: CnnFoldsResult = {
    protocol,
    variants: ["both"],
    reason: null,
    scores: [
      { ...base, model: "cnn_both", fold: 0, metrics: metrics(0.6) },
      { ...base, model: "cnn_both", fold: 1, metrics: metrics(NaN), error: "no validation songs" },
    ],
    rows: null,
    runs: [
      { inputs: "both", fold: 0, start: { kind: "resumed", epoch: 3, finished: true }, epochs: 3 },
      { inputs: "both", fold: 1, start: null, epochs: 0 },
      {
        inputs: "audio",
        fold: 0,
        start: { kind: "started", reason: "the code changed" },
        epochs: 3,
      },
      {
        inputs: "audio",
        fold: 1,
        start: { kind: "started", reason: "no checkpoint yet" },
        epochs: 3,
      },
    ],
    seed: 42,
    epochs: 25,
    testRows: 100,
    missingTestRows: 3,
    seconds: 125.4,
    songsSeconds: 2,
    backend: "tensorflow",
  };
  const text = cnnFoldsMarkdown(result);
  assert.match(text, /CNN \(audio \+ metadata\)\*\* trained in each of the 2 folds with seed 42/);
  assert.match(text, /2 networks trained and scored in 125 s on the tensorflow backend/);
  assert.match(text, /1 of 2 fold models resumed from a checkpoint; their epochs took 1 s in all/);
  assert.match(text, /1 of 2 fold models started over: the code changed\./);
  assert.doesNotMatch(text, /no checkpoint yet/);
  assert.match(text, /3 of the baselines' 100 test rows have no spectrogram/);
  assert.match(text, /- cnn_both fold 2 failed: no validation songs/);
  const same = cnnFoldsMarkdown({ ...result, missingTestRows: 0, runs: [], scores: [] });
  assert.match(same, /Their test rows are the baselines' \(100 over the folds\)/);
  const off = cnnFoldsMarkdown({
    ...result,
    variants: [],
    reason: "`comparison.cnnFolds` is `none`",
  });
  assert.match(off, /not trained in the k-fold's folds: `comparison.cnnFolds` is `none`/);
  assert.match(cnnFoldsMarkdown(null), /k-fold was not run/);
});
