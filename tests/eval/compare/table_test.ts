import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { comparisonTable, ComparisonTableError } from "../../../lib/eval/compare/table.ts";
import { demoTable } from "./fixture.ts";

Deno.test("a popularity target is cut at the configured threshold; unusable columns are explained", () => {
  const prepared = demoTable();
  const table = comparisonTable(prepared, { popularityThreshold: 60 });
  assert.equal(table.threshold, 60);
  assert.match(table.labelRule, /track_popularity ≥ 60 \(popularity threshold, configured\)/);
  for (let i = 0; i < table.X.rows; i++) assert.equal(table.y[i], table.target[i] >= 60 ? 1 : 0);
  assert.deepEqual(table.features, [
    "danceability",
    "energy",
    "tempo",
    "streams",
    "hit",
    "artist_popularity",
  ]);
  const dropped = Object.fromEntries(table.droppedFeatures.map((d) => [d.feature, d.reason]));
  assert.match(dropped.mode, /^constant/);
  assert.match(dropped.key, /missing in 66\.7 % of rows/);
  assert.match(dropped.release_year, /^all missing/);
  // One track has no tempo: that row, not the column, goes.
  assert.equal(table.excludedRows, 1);
  assert.deepEqual(table.missingByColumn, { tempo: 1 });
  assert.equal(table.X.rows, 119);
  assert.ok(!table.trackIds.includes("t5"));
});

Deno.test("the 80/20 split counts validation artists as training", () => {
  const prepared = demoTable();
  const table = comparisonTable(prepared, { exclude: ["streams", "hit"] });
  const parts = new Map(
    (prepared.split.toRecords() as { track_id: string; split: string }[]).map((r) => [
      r.track_id,
      r.split,
    ]),
  );
  table.trackIds.forEach((id, i) =>
    assert.equal(table.holdout[i], parts.get(id) === "test" ? "test" : "train")
  );
  assert.ok([...parts.values()].includes("validation"));
  assert.equal(table.threshold, 50); // the dataset's, when none is configured
});

Deno.test("a target without a threshold is cut at the median of the training rows", () => {
  const prepared = demoTable({ column: "streams", kind: "regression", threshold: null });
  const table = comparisonTable(prepared, { exclude: ["hit", "track_popularity"] });
  const train = table.target.filter((_, i) => table.holdout[i] === "train");
  assert.equal(table.threshold, pl.Series(train).median());
  assert.match(table.labelRule, /median of the training rows/);
  assert.ok(!table.features.includes("streams"));
});

Deno.test("a binary target is used as is, and must be 0 or 1", () => {
  const table = comparisonTable(demoTable({ column: "hit", kind: "binary", threshold: null }), {
    exclude: ["track_popularity", "streams"],
  });
  assert.equal(table.threshold, null);
  assert.deepEqual(Array.from(table.y), Array.from(table.target));
  const bad = demoTable({ column: "track_popularity", kind: "binary", threshold: null });
  assert.throws(() => comparisonTable(bad), ComparisonTableError);
  assert.throws(
    () => comparisonTable(demoTable(), { features: ["danceability", "nope"] }),
    /no column nope/,
  );
});
