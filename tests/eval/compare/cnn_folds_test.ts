import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadConfig } from "../../../lib/config.ts";
import { consolidated } from "../../../lib/data/dataset.ts";
import { Rng } from "../../../lib/data/random.ts";
import {
  cnnFoldModelDir,
  cnnFoldPlan,
  cnnFoldsOfDataset,
  cnnFoldsSummary,
  type KFoldProtocol,
  requestedCnnFoldVariants,
  supportedCnnFoldVariants,
  trainCnnFolds,
} from "../../../lib/eval/compare/cnn_folds.ts";
import { compareOnProtocol } from "../../../lib/eval/compare/plan.ts";
import { foldMetrics, protocolFolds } from "../../../lib/eval/compare/protocol.ts";
import { joinScoredRows, OTHER_TEST_ROWS_NOTE } from "../../../lib/eval/compare/results.ts";
import { comparisonTable } from "../../../lib/eval/compare/table.ts";
import { selectBackend } from "../../../lib/model/backend/select.ts";
import { PopularityModel } from "../../../lib/model/popularity/model.ts";
import { type DatasetSong, songsByPart } from "../../../lib/model/popularity/songs.ts";
import { silentProgress } from "../../../lib/model/training/progress.ts";
import { demoTable } from "./fixture.ts";

await selectBackend("auto", { log: () => {} });

const fixture = demoTable();
const table = comparisonTable(fixture, { exclude: ["streams", "hit"] });
const kfold: KFoldProtocol = { kind: "group-kfold", folds: 3, seed: 5 };

Deno.test("comparison.cnnFolds: auto is off on the tiny demo corpus only; lists keep the variants' order", () => {
  const tiny = requestedCnnFoldVariants(loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny" } }));
  assert.deepEqual(tiny.variants, []);
  assert.match(tiny.reason!, /tiny demo corpus/);
  const auto = requestedCnnFoldVariants(loadConfig({ env: {} }));
  assert.deepEqual(auto, { variants: ["both", "audio", "metadata"], auto: true, reason: null });
  const forced = loadConfig({
    env: { HSS_DATASET_DEMO_SIZE: "tiny", HSS_COMPARISON_CNN_FOLDS: "metadata, both" },
  });
  assert.deepEqual(requestedCnnFoldVariants(forced).variants, ["both", "metadata"]);
  const all = loadConfig({
    env: { HSS_DATASET_DEMO_SIZE: "tiny", HSS_COMPARISON_CNN_FOLDS: "all" },
  });
  assert.equal(requestedCnnFoldVariants(all).variants.length, 3);
  const none = requestedCnnFoldVariants(loadConfig({ env: { HSS_COMPARISON_CNN_FOLDS: "none" } }));
  assert.deepEqual(none.variants, []);
  assert.throws(
    () => loadConfig({ env: { HSS_COMPARISON_CNN_FOLDS: "both,cnn" } }),
    /comparison\.cnnFolds.*HSS_COMPARISON_CNN_FOLDS/,
  );
});

Deno.test("the data decides the variants: metadata only without audio, none for a binary target", () => {
  const request = {
    variants: ["both" as const, "audio" as const, "metadata" as const],
    auto: false,
    reason: null,
  };
  assert.deepEqual(
    supportedCnnFoldVariants(request, { hasAudio: false, regression: true }).variants,
    ["metadata"],
  );
  assert.deepEqual(
    supportedCnnFoldVariants(request, { hasAudio: true, regression: true }).variants,
    ["both", "audio", "metadata"],
  );
  const binary = supportedCnnFoldVariants(request, { hasAudio: true, regression: false });
  assert.deepEqual(binary.variants, []);
  assert.match(binary.reason!, /binary/);
  const auto = supportedCnnFoldVariants({ ...request, auto: true }, {
    hasAudio: false,
    regression: true,
  });
  assert.deepEqual(auto.variants, []);
  assert.match(auto.reason!, /no audio.*cnnFolds=metadata/);
  assert.equal(
    supportedCnnFoldVariants({ ...request, auto: true }, { hasAudio: true, regression: true })
      .variants.length,
    3,
  );
  const audioOnly = supportedCnnFoldVariants({ variants: ["audio"], auto: false, reason: null }, {
    hasAudio: false,
    regression: true,
  });
  assert.deepEqual(audioOnly.variants, []);
  assert.match(audioOnly.reason!, /no audio/);
});

Deno.test("cnnFoldPlan: the baselines' folds, validation artists carved from each fold's training artists", () => {
  const folds = protocolFolds(table, kfold);
  const plan = cnnFoldPlan(table, kfold, { validationFraction: 0.2, seed: 42 });
  assert.equal(plan.length, folds.length);
  plan.forEach((cnn, f) => {
    assert.equal(cnn.error, null);
    assert.deepEqual(cnn.test, folds[f].test);
    assert.deepEqual([...cnn.train, ...cnn.validation].sort((a, b) => a - b), folds[f].train);
    const artists = (rows: number[]) => new Set(rows.map((i) => table.artistIds[i]));
    const [train, validation, test] = [
      artists(cnn.train),
      artists(cnn.validation),
      artists(cnn.test),
    ];
    assert.ok(validation.size > 0 && train.size > 0);
    for (const a of validation) {
      assert.ok(!train.has(a) && !test.has(a), `artist ${a} on two sides`);
    }
    for (const a of train) assert.ok(!test.has(a), `artist ${a} on two sides`);
    const share = cnn.validation.length / folds[f].train.length;
    assert.ok(share > 0.05 && share < 0.4, `validation share ${share}`);
  });
  // Another seed draws other validation artists from the same folds.
  const other = cnnFoldPlan(table, kfold, { validationFraction: 0.2, seed: 7 });
  assert.deepEqual(other.map((f) => f.test), plan.map((f) => f.test));
  assert.notDeepEqual(other.map((f) => f.validation), plan.map((f) => f.validation));
});

Deno.test("cnnFoldPlan records a fold whose training side has one artist instead of throwing", () => {
  const small = {
    artistIds: ["a", "a", "b", "b"],
    holdout: ["train", "train", "test", "test"] as const,
  };
  const plan = cnnFoldPlan(
    { artistIds: small.artistIds, holdout: [...small.holdout] },
    { kind: "group-kfold", folds: 2, seed: 1 },
    { validationFraction: 0.2, seed: 1 },
  );
  assert.equal(plan.length, 2);
  for (const fold of plan) assert.match(fold.error!, /need at least 2 artists/);
});

Deno.test("joinScoredRows appends rows of the same folds, leaves out other protocols, refuses other folds", () => {
  const score = (model: string, fold: number, f1: number) => ({
    model,
    fold,
    trainRows: 10,
    testRows: 5,
    metrics: { ...foldMetrics([0, 1, 1, 0], [0, 1, 0, 0], [0.1, 0.9, 0.4, 0.2]), f1 },
    fitSeconds: 2,
    predictSeconds: 0,
    notes: [],
    error: null,
  });
  const rows = cnnFoldsSummary({
    scores: [score("cnn_both", 0, 0.5), score("cnn_both", 1, 0.7)],
    seed: 42,
    epochs: 3,
    testRows: 20,
    missingTestRows: 2,
    runs: [],
  }, { split: { validationFraction: 0.2, testFraction: 0.2, folds: 2 } });
  const record = rows.toRecords()[0];
  assert.equal(record.label, "CNN (audio + metadata)");
  assert.ok(Math.abs(Number(record.f1) - 0.6) < 1e-12);
  assert.ok(Math.abs(Number(record.f1_sd) - Math.SQRT2 * 0.1) < 1e-12);
  assert.match(String(record.notes), new RegExp(`${OTHER_TEST_ROWS_NOTE}: 2 of 20 test rows`));
  assert.match(String(record.notes), /seed 42/);
  const summary = pl.DataFrame({ model: ["dummy"], f1: [0.1], notes: [null] });
  const base = summary.select(...rows.columns.filter((c) => summary.columns.includes(c)));
  const protocol: KFoldProtocol = { kind: "group-kfold", folds: 2, seed: 42 };
  const joined = joinScoredRows(base, { protocol, summary: rows }, protocol);
  assert.deepEqual(joined.getColumn("model").toArray(), ["dummy", "cnn_both"]);
  assert.equal(joinScoredRows(base, { protocol, summary: rows }, { kind: "holdout" }).height, 1);
  assert.throws(
    () => joinScoredRows(base, { protocol, summary: rows }, { ...protocol, seed: 1 }),
    /expected rows scored on 2 folds with seed 1; found rows scored on 2 folds with seed 42/,
  );
});

/** The fixture's songs with a small random spectrogram each, except for the tracks in `silent`. */
function fixtureSongs(silent: ReadonlySet<string>): DatasetSong[] {
  const rows = consolidated(fixture.dataset).toRecords() as Record<string, unknown>[];
  const rng = new Rng(9);
  const spectrograms = rows.map((r) =>
    silent.has(String(r.track_id))
      ? null
      : Float32Array.from({ length: 16 * 16 }, () =>
        -40 + 0.3 * Number(r.track_popularity) + rng.normal(0, 5))
  );
  const parts = new Map(rows.map((r) => [String(r.track_id), "train"]));
  return songsByPart(rows, { target: "track_popularity", parts, spectrograms }).train;
}

Deno.test("trainCnnFolds trains in each fold, scores its test rows at the table's threshold, resumes", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = loadConfig({
      env: {
        HSS_PATHS_OUTPUTS: dir,
        HSS_AUDIO_N_MELS: "16",
        HSS_AUDIO_FRAMES: "16",
        HSS_MODEL_BATCH_SIZE: "16",
        HSS_SEED: "3",
      },
    });
    const protocol: KFoldProtocol = { kind: "group-kfold", folds: 2, seed: 3 };
    const silent = new Set([table.trackIds[0], table.trackIds[1]]);
    const songs = fixtureSongs(silent);
    const started: string[] = [];
    const options = {
      protocol,
      variants: ["both", "metadata"] as const,
      epochs: 2,
      progress: (
        inputs: string,
        fold: number,
      ) => (started.push(`${inputs}/${fold}`), silentProgress),
    };
    const result = await trainCnnFolds(table, songs, config, {
      ...options,
      variants: ["both", "metadata"],
    });
    assert.deepEqual(started, ["both/0", "both/1", "metadata/0", "metadata/1"]);
    assert.equal(result.scores.length, 4);
    assert.ok(result.scores.every((s) => s.error === null), JSON.stringify(result.scores));
    assert.equal(result.testRows, table.trackIds.length);
    assert.equal(result.missingTestRows, 2);
    assert.equal(
      result.scores.filter((s) => s.model === "cnn_both").reduce((n, s) => n + s.testRows, 0),
      table.trackIds.length - 2,
    );
    assert.ok(result.runs.every((r) => r.start?.kind === "started" && r.epochs === 2));
    // The saved fold model reproduces the fold's score at the table's threshold.
    const plan = cnnFoldPlan(table, protocol, { validationFraction: 0.2, seed: 3 });
    const byTrack = new Map(songs.map((s) => [s.trackId, s]));
    const testRows = plan[1].test.filter((i) => byTrack.has(table.trackIds[i]));
    const model = await PopularityModel.load(cnnFoldModelDir(config, "both", 1));
    const predicted = model.predict(testRows.map((i) => byTrack.get(table.trackIds[i])!));
    model.dispose();
    const expected = foldMetrics(
      testRows.map((i) => table.y[i]),
      Array.from(predicted, (p) => (p >= table.threshold! ? 1 : 0)),
      predicted,
    );
    const score = result.scores.find((s) => s.model === "cnn_both" && s.fold === 1)!;
    for (const [metric, value] of Object.entries(expected)) {
      const got = score.metrics[metric as keyof typeof expected];
      assert.ok(
        Object.is(got, value) || Math.abs(got - value) < 1e-9,
        `${metric}: ${got} vs ${value}`,
      );
    }
    // The rows join the k-fold table after the baselines, flagged for the silent test rows.
    const run = await compareOnProtocol(table, protocol, {
      models: ["dummy", "logreg"],
      settings: { seed: 3 },
      workers: 1,
      outDir: dir,
      scoredRows: result.rows,
      log: () => {},
    });
    const records = run.joined.toRecords();
    assert.deepEqual(records.map((r) => r.model), ["dummy", "logreg", "cnn_both", "cnn_metadata"]);
    assert.equal(records[2].label, "CNN (audio + metadata)");
    assert.equal(records[2].folds, 2);
    assert.match(String(records[2].notes), /scored on other test rows than the baselines: 2 of/);
    assert.match(await Deno.readTextFile(run.saved), /cnn_metadata/);
    // A second run continues from the finished checkpoints and scores the same.
    const again = await trainCnnFolds(table, songs, config, {
      ...options,
      variants: ["both", "metadata"],
    });
    assert.ok(again.runs.every((r) => r.start?.kind === "resumed"), JSON.stringify(again.runs));
    assert.deepEqual(again.scores.map((s) => s.metrics), result.scores.map((s) => s.metrics));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cnnFoldsOfDataset trains nothing and reads no audio when the configuration says none", async () => {
  const config = loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny" } });
  const result = await cnnFoldsOfDataset(fixture, table, config, { protocol: kfold });
  assert.deepEqual(result.variants, []);
  assert.equal(result.rows, null);
  assert.equal(result.scores.length, 0);
  assert.match(result.reason!, /tiny demo corpus/);
});

Deno.test("trainCnnFolds records a fold without training songs as failed, with the reason", async () => {
  const config = loadConfig({ env: { HSS_PATHS_OUTPUTS: "tests/output/cnn_folds_unused" } });
  const protocol: KFoldProtocol = { kind: "group-kfold", folds: 2, seed: 3 };
  const plan = cnnFoldPlan(table, protocol, { validationFraction: 0.2, seed: config.seed });
  // Only fold 1's test songs exist: fold 1 has no training songs, fold 2 none to test.
  const onlyTest = new Set(plan[0].test.map((i) => table.trackIds[i]));
  const songs = fixtureSongs(new Set()).filter((s) => onlyTest.has(s.trackId));
  const result = await trainCnnFolds(table, songs, config, { protocol, variants: ["metadata"] });
  assert.deepEqual(result.scores.map((s) => s.error), [
    "no training songs",
    "no test songs",
  ]);
  assert.ok(result.scores.every((s) => Number.isNaN(s.metrics.f1)));
  assert.deepEqual(result.runs.map((r) => r.start), [null, null]);
  const row = result.rows!.summary.toRecords()[0];
  assert.equal(row.failed, 2);
  assert.equal(row.f1, null);
  assert.match(String(row.notes), /fold 1 failed: no training songs; fold 2 failed: no test songs/);
});
