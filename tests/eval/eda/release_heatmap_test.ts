import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  hasReleaseMonths,
  MissingColumnsError,
  releaseHeatmap,
  releaseHeatmapReading,
} from "../../../lib/eval/eda/release_heatmap.ts";

Deno.test("the heatmap averages the target per year and month and counts tracks", () => {
  const df = pl.DataFrame([
    pl.Series("release_year", [2020, 2020, 2021, null, 2020], pl.Int64),
    pl.Series("release_month", [1, 1, 5, 3, 12], pl.Int64),
    pl.Series("streams", [40, 60, 70, 10, null], pl.Float64),
  ]);
  const { cells, excluded } = releaseHeatmap(df, { value: "streams" });
  assert.deepEqual(cells.toRecords().map((r) => [r.year, r.month, r.mean, Number(r.count)]), [
    [2020, 1, 50, 2],
    [2021, 5, 70, 1],
  ]);
  assert.equal(excluded, 2);
  assert.ok(hasReleaseMonths(df));
  assert.ok(!hasReleaseMonths(df.drop("release_month")));
  assert.throws(() => releaseHeatmap(df, { value: "popularity" }), MissingColumnsError);
});

Deno.test("the heatmap's reading counts the filled blocks and the tracks left out", () => {
  const df = pl.DataFrame([
    pl.Series("release_year", [2020, 2020, 2021, null, 2020], pl.Int64),
    pl.Series("release_month", [1, 1, 5, 3, 12], pl.Int64),
    pl.Series("streams", [40, 60, 70, 10, null], pl.Float64),
  ]);
  assert.equal(
    releaseHeatmapReading(releaseHeatmap(df, { value: "streams" })),
    "2 occupied month × year cells; 2 tracks without a release year, month or streams value " +
      "are not placed.",
  );
  assert.equal(
    releaseHeatmapReading(releaseHeatmap(df.head(1), { value: "streams" })),
    "1 occupied month × year cell; 0 tracks without a release year, month or streams value " +
      "are not placed.",
  );
});
