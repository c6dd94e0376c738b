import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadConfig } from "../../lib/config.ts";
import { comparisonTable } from "../../lib/eval/compare/table.ts";
import { protocolFolds } from "../../lib/eval/compare/protocol.ts";
import { balancedAccuracy, mae } from "../../lib/eval/metrics.ts";
import {
  AUDIO_FEATURE,
  baselineImportance,
  bestBaseline,
  importanceOptions,
  modelInputs,
  permutationImportance,
  permuteSongs,
  songImportance,
} from "../../lib/eval/permutation.ts";
import { takeLabels, takeRows } from "../../lib/model/baselines/matrix.ts";
import { createBaseline } from "../../lib/model/baselines/registry.ts";
import type { PopularityModel, SongExample } from "../../lib/model/popularity/model.ts";
import { demoTable } from "./compare/fixture.ts";

const x1 = Array.from({ length: 60 }, (_, i) => (i * 7) % 13);
const x2 = Array.from({ length: 60 }, (_, i) => (i * 5) % 11);
const actual = x1.map((v) => 3 * v);

Deno.test("permutationImportance: a used input worsens the score when shuffled, an unused one does not", () => {
  const columns: Record<string, number[]> = { x1, x2 };
  const result = permutationImportance(
    actual,
    ["x2", "x1"],
    (feature, order) =>
      x1.map((_, i) => 3 * (feature === "x1" && order ? columns.x1[order[i]] : x1[i])),
    { metric: mae, metricName: "MAE", higherIsBetter: false, repeats: 4, resamples: 200, seed: 3 },
  );
  assert.equal(result.score, 0);
  assert.equal(result.n, 60);
  assert.deepEqual(result.rows.map((r) => r.feature), ["x1", "x2"]);
  const [used, unused] = result.rows;
  assert.ok(used.importance > 5, `x1: ${used.importance}`);
  assert.ok(used.low > 0 && used.low <= used.importance && used.importance <= used.high);
  assert.deepEqual([unused.importance, unused.low, unused.high], [0, 0, 0]);
  // A score where higher is better: the sign still says "worse when shuffled".
  const accuracy = permutationImportance(
    actual.map((v) => (v > 18 ? 1 : 0)),
    ["x1"],
    (_f, order) => x1.map((_, i) => ((order ? x1[order[i]] : x1[i]) * 3 > 18 ? 1 : 0)),
    { metric: balancedAccuracy, metricName: "balanced accuracy", higherIsBetter: true },
  );
  assert.equal(accuracy.score, 1);
  assert.ok(accuracy.rows[0].importance > 0.2);
  assert.throws(
    () =>
      permutationImportance(actual, ["x1"], () => [1, 2], {
        metric: mae,
        metricName: "MAE",
        higherIsBetter: false,
      }),
    /2 predictions for 60 test rows/,
  );
});

/** A stand-in model: artist popularity plus the spectrogram's mean; followers unused. */
const fake = {
  meta: { inputs: "both" },
  encoder: {
    inputs: [
      { column: "artist_popularity" },
      { column: "followers" },
      { column: "genre" },
      { column: "genre" },
    ],
  },
  predict: (songs: readonly SongExample[]) =>
    Float32Array.from(
      songs,
      (s) =>
        Number(s.metadata?.artist_popularity) +
        s.spectrogram!.reduce((a, b) => a + b, 0) / s.spectrogram!.length,
    ),
} as unknown as Pick<PopularityModel, "meta" | "encoder" | "predict">;

Deno.test("songImportance: the audio as a whole and each metadata column, shuffled across test songs", () => {
  assert.deepEqual(modelInputs(fake), [AUDIO_FEATURE, "artist_popularity", "followers", "genre"]);
  assert.deepEqual(
    modelInputs({ ...fake, meta: { inputs: "metadata" } } as typeof fake),
    ["artist_popularity", "followers", "genre"],
  );
  const songs: SongExample[] = x1.map((v, i) => ({
    spectrogram: Float32Array.of(x2[i] * 4, x2[i] * 4),
    metadata: { artist_popularity: v * 5, followers: i, genre: "pop" },
    popularity: v * 5 + x2[i] * 4,
  }));
  const swapped = permuteSongs(songs, "followers", [1, 0, ...x1.slice(2).map((_, i) => i + 2)]);
  assert.equal(swapped[0].metadata!.followers, 1);
  assert.equal(swapped[0].metadata!.artist_popularity, songs[0].metadata!.artist_popularity);
  assert.equal(swapped[0].spectrogram, songs[0].spectrogram);
  assert.equal(songs[0].metadata!.followers, 0, "the songs themselves are left untouched");
  assert.equal(
    permuteSongs(songs, AUDIO_FEATURE, [1, 0, ...x1.slice(2).map((_, i) => i + 2)])[0].spectrogram,
    songs[1].spectrogram,
  );
  assert.throws(() => permuteSongs(songs, "followers", [1, 0]), /2 rows for 60 songs/);
  const result = songImportance(fake, songs, { repeats: 3, resamples: 100, seed: 1 });
  assert.equal(result.metricName, "MAE");
  assert.ok(result.score < 1e-4);
  const by = Object.fromEntries(result.rows.map((r) => [r.feature, r]));
  assert.ok(by.audio.low > 0 && by.artist_popularity.low > 0);
  assert.equal(by.followers.importance, 0);
  assert.equal(by.genre.importance, 0);
  assert.deepEqual(result.rows.slice(2).map((r) => r.importance), [0, 0]);
});

Deno.test("baselineImportance refits the model on the 80/20 training rows and scores its test rows", () => {
  const table = comparisonTable(demoTable(), { exclude: ["streams", "hit"] });
  const result = baselineImportance(table, "logreg", { seed: 0 }, { repeats: 2, resamples: 50 });
  const [fold] = protocolFolds(table, { kind: "holdout" });
  const model = createBaseline("logreg", { seed: 0 });
  model.fit(takeRows(table.X, fold.train), takeLabels(table.y, fold.train));
  const direct = balancedAccuracy(
    takeLabels(table.y, fold.test),
    model.predict(takeRows(table.X, fold.test)),
  );
  assert.equal(result.score, direct);
  assert.equal(result.n, fold.test.length);
  assert.equal(result.metricName, "balanced accuracy");
  assert.deepEqual(result.rows.map((r) => r.feature).sort(), [...table.features].sort());
  const summary = pl.DataFrame({
    model: ["dummy", "logreg", "gbt", "cnn_both"],
    label: ["majority class", "logistic regression", "gradient-boosted trees", "CNN"],
    f1: [0.99, 0.7, 0.8, 0.95],
  });
  assert.deepEqual(bestBaseline({ summary }), { model: "gbt", label: "gradient-boosted trees" });
  assert.equal(
    bestBaseline({ summary: summary.filter(pl.col("model").eq(pl.lit("dummy"))) }),
    null,
  );
});

Deno.test("importanceOptions: few shuffles on the tiny corpus, more elsewhere, the configured seed", () => {
  const tiny = loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny", HSS_SEED: "5" } });
  assert.deepEqual(importanceOptions(tiny), { repeats: 2, resamples: 100, seed: 5 });
  const full = loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "default" } });
  assert.deepEqual(importanceOptions(full), { repeats: 5, resamples: 1000, seed: 42 });
});

Deno.test("baselineImportance scores a seeded subset of the test rows above maxTestRows", () => {
  const table = comparisonTable(demoTable(), { exclude: ["streams", "hit"] });
  const options = { repeats: 1, resamples: 20, seed: 4, maxTestRows: 7 };
  const a = baselineImportance(table, "gaussian_nb", {}, options);
  assert.equal(a.n, 7);
  assert.deepEqual(baselineImportance(table, "gaussian_nb", {}, options), a);
});
