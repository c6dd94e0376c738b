import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { correlationTable, featureHistograms, releaseHeatmap } from "../../lib/eval/eda/mod.ts";
import {
  compactNumber,
  correlationFigure,
  histogramFigure,
  releaseHeatmapFigure,
  roundedForDisplay,
} from "../../lib/viz/eda.ts";

Deno.test("numbers on heatmap blocks are compact", () => {
  assert.equal(compactNumber(1_234_567), "1.23M");
  assert.equal(compactNumber(2.81e9), "2.81B");
  assert.equal(compactNumber(45_600), "45.6k");
  assert.equal(compactNumber(52.345), "52.3");
  assert.equal(compactNumber(512), "512");
});

Deno.test("the heatmap has months across, years down, and mean and count on each block", () => {
  const df = pl.DataFrame([
    pl.Series("release_year", [2020, 2020, 2022], pl.Int64),
    pl.Series("release_month", [1, 1, 12], pl.Int64),
    pl.Series("track_popularity", [40, 60, 70], pl.Float64),
  ]);
  const fig = releaseHeatmapFigure(releaseHeatmap(df, { value: "track_popularity" }));
  const trace = fig.data[0] as Record<string, unknown>;
  assert.equal(trace.type, "heatmap");
  assert.deepEqual(trace.x, [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
  ]);
  assert.deepEqual(trace.y, ["2020", "2022"]); // only years with tracks
  const z = trace.z as (number | null)[][];
  assert.equal(z[0][0], 50);
  assert.equal(z[1][11], 70);
  assert.equal(z[0][1], null);
  assert.equal((trace.text as string[][])[0][0], "50.0<br>n=2");
  assert.equal(trace.texttemplate, "%{text}");
});

Deno.test("correlation bars carry asymmetric CI whiskers; flagged features are named, not drawn", () => {
  const df = pl.DataFrame({
    y: [1, 2, 3, 4, 5, 6, 7, 8],
    a: [2, 1, 4, 3, 6, 5, 8, 9],
    flat: [1, 1, 1, 1, 1, 1, 1, 1],
  });
  const table = correlationTable(df, "y");
  const fig = correlationFigure(table, { target: "y" });
  assert.equal(fig.data.length, 2);
  const pearson = fig.data[0] as Record<string, unknown>;
  assert.deepEqual(pearson.y, ["a"]);
  const r = table.toRecords()[0];
  const whisker = pearson.error_x as { array: number[]; arrayminus: number[] };
  assert.ok(Math.abs(whisker.array[0] - (Number(r.pearson_high) - Number(r.pearson))) < 1e-12);
  assert.ok(Math.abs(whisker.arrayminus[0] - (Number(r.pearson) - Number(r.pearson_low))) < 1e-12);
  const note = JSON.stringify(fig.layout?.annotations);
  assert.match(note, /flat \(constant\)/);
});

Deno.test("the histogram grid has one subplot per feature and one trace per group", () => {
  const df = pl.DataFrame({ a: [1, 2, 3, 4], b: [5, 5, 6, 7], hit: [0, 1, 0, 1] });
  const fig = histogramFigure(featureHistograms(df, ["a", "b"], { bins: 2, by: "hit" }), {
    groupNames: { "0": "flop", "1": "hit" },
  });
  assert.equal(fig.data.length, 4);
  assert.deepEqual(fig.data.map((t) => t.xaxis), ["x", "x", "x2", "x2"]);
  assert.deepEqual(fig.data.slice(0, 2).map((t) => t.name), ["flop", "hit"]);
  assert.deepEqual(fig.layout?.grid as { rows: number; columns: number }, {
    rows: 1,
    columns: 2,
    pattern: "independent",
    ygap: 0.55,
    xgap: 0.2,
  });
});

Deno.test("display rounding keeps integers, text and p-values", () => {
  const df = pl.DataFrame([
    pl.Series("feature", ["x"], pl.Utf8),
    pl.Series("n", [3], pl.Int64),
    pl.Series("mean", [0.123456789], pl.Float64),
    pl.Series("big", [123456.789], pl.Float64),
    pl.Series("p_value", [1.2e-9], pl.Float64),
  ]);
  const row = roundedForDisplay(df).toRecords()[0];
  assert.deepEqual(row, { feature: "x", n: 3, mean: 0.1235, big: 123457, p_value: 1.2e-9 });
});
