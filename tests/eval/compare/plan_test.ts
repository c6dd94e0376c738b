import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config.ts";
import {
  compareOnProtocol,
  comparisonPlan,
  holdoutTestHash,
} from "../../../lib/eval/compare/plan.ts";
import { type ModelResult, testTracksHash } from "../../../lib/eval/compare/results.ts";
import { comparisonTable } from "../../../lib/eval/compare/table.ts";
import { demoTable } from "./fixture.ts";

const table = comparisonTable(demoTable(), { exclude: ["streams", "hit"] });

Deno.test("comparisonPlan reads the configuration's models, protocols and limits", () => {
  const both = comparisonPlan(loadConfig({ env: {}, overrides: { seed: 7 } }));
  assert.equal(both.models.length, 12);
  assert.deepEqual(both.kfold, { kind: "group-kfold", folds: 5, seed: 7 });
  assert.deepEqual(both.holdout, { kind: "holdout" });
  assert.equal(both.settings.rbfSvmMaxRows, 10_000);
  const holdout = comparisonPlan(loadConfig({
    env: {
      HSS_COMPARISON_PROTOCOL: "holdout",
      HSS_COMPARISON_MODELS: "dummy,knn",
      HSS_COMPARISON_RBF_SVM_MAX_ROWS: "0",
    },
  }));
  assert.equal(holdout.kfold, null);
  assert.deepEqual(holdout.models, ["dummy", "knn"]);
  assert.equal(holdout.settings.rbfSvmMaxRows, Infinity);
  const kfold = comparisonPlan(loadConfig({ env: { HSS_COMPARISON_PROTOCOL: "group-kfold" } }));
  assert.equal(kfold.holdout, null);
});

Deno.test("compareOnProtocol joins the other models' results, flags other test rows, saves the CSV", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const testIds = table.trackIds.filter((_, i) => table.holdout[i] === "test");
    assert.equal(await holdoutTestHash(table), await testTracksHash(testIds));
    const result = (model: string, hash: string): ModelResult => ({
      model,
      protocol: "holdout",
      folds: 1,
      n_test: 10,
      metrics: {
        precision: 0.5,
        recall: 0.5,
        f1: 0.5,
        accuracy: 0.5,
        balanced_accuracy: 0.5,
        mcc: 0,
        roc_auc: null,
        fit_s: null,
      },
      test_tracks_sha256: hash,
      notes: [],
    });
    const external = [
      result("same_rows", await holdoutTestHash(table)),
      result("other_rows", await testTracksHash(["x"])),
    ];
    const lines: string[] = [];
    const run = await compareOnProtocol(table, { kind: "holdout" }, {
      models: ["dummy", "logreg"],
      settings: { seed: 1 },
      workers: 1,
      external,
      outDir: dir,
      log: (line) => lines.push(line),
    });
    assert.equal(run.saved, `${dir}/comparison_holdout.csv`);
    assert.deepEqual(run.joined.getColumn("model").toArray(), [
      "dummy",
      "logreg",
      "same_rows",
      "other_rows",
    ]);
    const notes = run.joined.getColumn("notes").toArray() as string[];
    assert.ok(!/other test rows/.test(notes[2]));
    assert.match(notes[3], /scored on other test rows than the baselines/);
    assert.match(await Deno.readTextFile(run.saved), /^model,label,/);
    assert.match(lines.at(-1)!, /^2\/2 fits/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
