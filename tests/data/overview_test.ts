import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadConfig, resolvePath } from "../../lib/config.ts";
import { type DataIssue, type Dataset, targetSpec } from "../../lib/data/dataset.ts";
import {
  configHeadline,
  countOf,
  datasetHeadline,
  issuesReport,
  preparedReading,
  splitSizes,
  targetDescription,
} from "../../lib/data/overview.ts";
import { importPreset } from "../../lib/data/sources/presets.ts";

function tinyDataset(issues: DataIssue[] = []): Dataset {
  return {
    name: "tiny",
    source: "test",
    artists: pl.DataFrame({ artist_id: ["a", "b", "c"], artist_name: ["A", "B", "C"] }),
    tracks: pl.DataFrame({
      track_id: ["t1", "t2", "t3", "t4"],
      artist_id: ["a", "a", "b", "c"],
      track_popularity: [10, 20, 30, 40],
    }),
    target: targetSpec({ column: "track_popularity", kind: "regression", threshold: 50 }),
    issues,
    tables: {},
  };
}

const manifest = { contentHash: "0123456789abcdef0123456789abcdef" } as never;

Deno.test("countOf writes the noun in the singular for one and separates thousands", () => {
  assert.equal(countOf(1, "row"), "1 row");
  assert.equal(countOf(0, "row"), "0 rows");
  assert.equal(countOf(12_345, "entry", "entries"), "12,345 entries");
});

Deno.test("the configuration headline names the source, demo size, seed and split", () => {
  const config = loadConfig({ env: {} });
  const line = configHeadline(config);
  assert.match(line, new RegExp(`\`${config.dataset.source}\``));
  assert.match(line, new RegExp(`\\*\\*seed\\*\\* ${config.seed}`));
  assert.match(line, new RegExp(`test ${config.split.testFraction}`));
  if (config.dataset.source === "demo") assert.match(line, /size `/);
});

Deno.test("the target is described with its kind and threshold, or without one", () => {
  assert.equal(
    targetDescription(tinyDataset()),
    "`track_popularity` (regression, popular at ≥ 50)",
  );
  const binary = { target: targetSpec({ column: "target", kind: "binary", threshold: null }) };
  assert.equal(targetDescription(binary), "`target` (binary)");
});

Deno.test("the dataset headline gives sizes, the stored folder and the target", () => {
  const dir = resolvePath("data/tiny");
  const line = datasetHeadline({ dataset: tinyDataset(), dir });
  assert.match(line, /\(4 tracks, 3 artists, stored in `data\/tiny`\)/);
  assert.match(line, /\*\*target:\*\* `track_popularity`/);
  assert.equal(preparedReading({ built: false, dir }), "Read back: `data/tiny`");
  assert.equal(preparedReading({ built: true, dir }), "Built: `data/tiny`");
});

Deno.test("split sizes count tracks and distinct artists per part, then the whole", () => {
  const split = pl.DataFrame({
    track_id: ["t1", "t2", "t3", "t4"],
    artist_id: ["a", "a", "b", "c"],
    split: ["train", "train", "validation", "test"],
  });
  const { table, reading } = splitSizes({
    dataset: tinyDataset(),
    split,
    manifest,
    dir: resolvePath("data/tiny"),
  });
  assert.deepEqual(table!.toRecords(), [
    { part: "train", tracks: 2, artists: 1 },
    { part: "validation", tracks: 1, artists: 1 },
    { part: "test", tracks: 1, artists: 1 },
    { part: "all", tracks: 4, artists: 3 },
  ]);
  assert.match(reading, /`data\/tiny\/tiny\.csv` \(\d+ columns\)/);
  assert.match(reading, /Content hash `0123456789abcdef…`/);
});

Deno.test("the issues report counts excluded rows and nulled values, with their table", () => {
  const none = issuesReport(tinyDataset());
  assert.equal(none.table, null);
  assert.equal(
    none.reading,
    "**0 problems** met while building `tiny`: 0 rows excluded and 0 values set to null.",
  );
  const some = issuesReport(tinyDataset([
    { row: 3, column: "streams", reason: "text", action: "excluded" },
    { row: 5, column: "key", reason: "out of range", action: "nulled" },
    { row: 9, column: "key", reason: "out of range", action: "nulled" },
  ]));
  assert.equal(
    some.reading,
    "**3 problems** met while building `tiny`: 1 row excluded and 2 values set to null.",
  );
  assert.equal(some.table!.height, 3);
});

const sharedData = resolvePath(loadConfig({ env: {} }).paths.sharedData);
let present = false;
try {
  present = Deno.statSync(`${sharedData}/spotify-2023`).isDirectory;
} catch { /* absent: skipped */ }

Deno.test({
  name: "spotify-2023: the issues report names its one excluded row",
  ignore: !present,
  fn: async () => {
    const dataset = await importPreset("spotify-2023", { sharedData });
    const { reading, table } = issuesReport(dataset);
    assert.match(reading, /: 1 row excluded/);
    assert.ok(table!.height >= 1);
  },
});
