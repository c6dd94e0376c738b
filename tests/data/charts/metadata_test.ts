import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { FORECAST_METADATA_COLUMNS, songMetadata } from "../../../lib/data/charts/metadata.ts";

Deno.test("the multi-input model's 13 metadata columns: 12 audio features and the duration", () => {
  assert.equal(FORECAST_METADATA_COLUMNS.length, 13);
  assert.ok(FORECAST_METADATA_COLUMNS.includes("duration_ms"));
});

Deno.test("songMetadata standardises on the training songs and imputes missing values with their mean", () => {
  const tracks = pl.DataFrame([
    pl.Series("track_id", ["a", "b", "c"], pl.Utf8),
    pl.Series("tempo", [100, 140, 500], pl.Float64),
    pl.Series("energy", [0.2, null, 0.6], pl.Float64),
  ]);
  const meta = songMetadata(tracks, ["b", "a", "c", "zz"], {
    columns: ["tempo", "energy"],
    fitSongs: [0, 1],
  });
  assert.deepEqual(Array.from(meta.mean), [120, 0.2]); // fitted on b and a only; b's energy missing
  assert.deepEqual(Array.from(meta.sd), [20, 1]); // one energy value: sd 1
  assert.deepEqual(Array.from(meta.values.subarray(0, 6)).map((v) => Number(v.toFixed(4))), [
    1,
    0,
    -1,
    0,
    19,
    0.4,
  ]);
  assert.deepEqual(meta.unknownSongs, ["zz"]);
  assert.equal(meta.imputedValues, 3); // b's energy and zz's two columns
  assert.deepEqual(Array.from(meta.values.subarray(6)), [0, 0]);
});

Deno.test("songMetadata names the columns the tracks table lacks", () => {
  const tracks = pl.DataFrame({ track_id: ["a"], tempo: [1] });
  assert.throws(
    () => songMetadata(tracks, ["a"]),
    /expected metadata columns danceability, energy/,
  );
});
