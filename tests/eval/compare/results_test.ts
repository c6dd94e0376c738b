import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  joinModelResults,
  readModelResults,
  testTracksHash,
  writeModelResult,
} from "../../../lib/eval/compare/results.ts";
import { summarizeScores } from "../../../lib/eval/compare/protocol.ts";

const metrics = {
  precision: 0.8,
  recall: 0.7,
  f1: 0.7467,
  accuracy: 0.75,
  balanced_accuracy: 0.74,
  mcc: 0.5,
  roc_auc: 0.81,
  fit_s: 120,
};

const baselineSummary = summarizeScores([{
  model: "dummy",
  fold: 0,
  trainRows: 80,
  testRows: 20,
  metrics: { ...metrics, roc_auc: 0.5 },
  fitSeconds: 0,
  predictSeconds: 0,
  notes: [],
  error: null,
}]);

Deno.test("CNN result files are written, read back and join the table of their protocol", async () => {
  const dir = await Deno.makeTempDir();
  const hash = await testTracksHash(["t2", "t1"]);
  assert.equal(hash, await testTracksHash(["t1", "t2"])); // order does not matter
  await writeModelResult(dir, {
    model: "cnn_audio_metadata",
    label: "CNN (audio + metadata)",
    protocol: "holdout",
    n_test: 20,
    metrics,
    test_tracks_sha256: hash,
  });
  await writeModelResult(dir, {
    model: "cnn_kfold",
    protocol: "group-kfold",
    folds: 5,
    n_test: 100,
    metrics,
  });
  await Deno.writeTextFile(`${dir}/models/broken.json`, JSON.stringify({ model: "x" }));
  const { results, problems } = await readModelResults(dir);
  assert.deepEqual(results.map((r) => r.model), ["cnn_audio_metadata", "cnn_kfold"]);
  assert.equal(problems.length, 1);
  assert.match(problems[0].reason, /field protocol/);

  const joined = joinModelResults(baselineSummary, results, { kind: "holdout" }, hash);
  assert.deepEqual(joined.getColumn("model").toArray(), ["dummy", "cnn_audio_metadata"]);
  const cnn = joined.toRecords()[1];
  assert.equal(cnn.label, "CNN (audio + metadata)");
  assert.equal(cnn.f1, 0.7467);
  assert.equal(cnn.fit_s, 120);
  assert.match(String(cnn.notes), /from outputs \(cnn_audio_metadata\.json\)/);

  const other = joinModelResults(baselineSummary, results, { kind: "holdout" }, "0".repeat(64));
  assert.match(String(other.toRecords()[1].notes), /other test rows/);
  const kfold = joinModelResults(baselineSummary, results, {
    kind: "group-kfold",
    folds: 5,
    seed: 1,
  });
  assert.deepEqual(kfold.getColumn("model").toArray(), ["dummy", "cnn_kfold"]);
  assert.ok(joined.getColumn("f1").dtype.equals(pl.Float64));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a result file is validated before it is written", async () => {
  const dir = await Deno.makeTempDir();
  await assert.rejects(
    writeModelResult(dir, {
      model: "bad name",
      protocol: "holdout",
      n_test: 1,
      metrics,
    }),
    /letters, digits/,
  );
  assert.deepEqual(await readModelResults(`${dir}/missing`), { results: [], problems: [] });
  await Deno.remove(dir, { recursive: true });
});
