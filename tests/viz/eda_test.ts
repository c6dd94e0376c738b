import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { correlationTable, featureHistograms, releaseHeatmap } from "../../lib/eval/eda/mod.ts";
import {
  agreementTable,
  compactNumber,
  correlationFigure,
  correlationReading,
  histogramFigure,
  pairScatterFigure,
  readableCorrelationTable,
  readableSummaryTable,
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

Deno.test("Table 3 for reading: intervals in brackets, tiny p-values, dashes for flagged rows", () => {
  const df = pl.DataFrame({
    y: Array.from({ length: 200 }, (_, i) => i),
    a: Array.from({ length: 200 }, (_, i) => i + Math.sin(i) * 20),
    c: Array.from({ length: 200 }, () => 1),
  });
  const rows = readableCorrelationTable(correlationTable(df, "y")).toRecords();
  assert.equal(rows[0].feature, "a");
  assert.match(String(rows[0]["Pearson r"]), /^0\.9\d\d$/);
  assert.match(String(rows[0]["95 % CI of r"]), /^\[0\.9\d\d, 0\.9\d\d\]$/);
  assert.equal(rows[0]["p (r = 0)"], "< 1e-12");
  assert.deepEqual(rows[1], {
    feature: "c",
    n: "200",
    "Pearson r": "—",
    "95 % CI of r": "—",
    "Spearman ρ": "—",
    "95 % CI of ρ": "—",
    "p (r = 0)": "—",
    flag: "constant",
  });
});

Deno.test("the correlation reading names the strongest features with their intervals", () => {
  const n = 100;
  const y = Array.from({ length: n }, (_, i) => i);
  const df = pl.DataFrame({
    y,
    strong: y.map((v) => v + 5 * Math.sin(v)),
    middle: y.map((v) => v + 60 * Math.sin(v * 1.7)),
    weak: y.map((v) => 80 * Math.cos(v * 2.3)),
    flat: y.map(() => 0),
  });
  const table = correlationTable(df, "y");
  const text = correlationReading(table, [{ column: "flat", flag: "constant", detail: "0" }]);
  assert.match(
    text,
    /^Of 3 features with a correlation, \d have a 95 % interval that excludes 0\./,
  );
  assert.match(text, /strongest linear association is `strong` \(r = 0\.99\d, 95 % CI \[/);
  assert.match(text, /Next: `middle` .* and `weak`/);
  assert.match(text, /1 column is flagged/);
  assert.ok(!/NaN|null|undefined/.test(text), text);
  const one = correlationReading(correlationTable(df.select("y", "strong"), "y"));
  assert.match(one, /^Of 1 feature with a correlation, 1 has/);
  assert.ok(!one.includes("Next"));
});

Deno.test("agreement rows read as percentages and correlations with intervals", () => {
  const table = agreementTable([
    { check: "tempo within 3 %", kind: "share", n: 100, value: 0.6412, low: null, high: null },
    { check: "mode equal", kind: "share", n: 0, value: null, low: null, high: null },
    { check: "energy", kind: "correlation", n: 100, value: 0.8884, low: 0.838, high: 0.9231 },
  ]);
  assert.deepEqual(table.getColumn("value").toArray(), [
    "64.1 %",
    "—",
    "r = 0.888 [0.838, 0.923]",
  ]);
  assert.deepEqual(table.getColumn("tracks").toArray(), ["100", "0", "100"]);
});

Deno.test("the pair scatter keeps the rows where both values are present", () => {
  const df = pl.DataFrame({ a: [1, null, 3, 4], b: [2, 5, null, 8] });
  const fig = pairScatterFigure(df, "a", "b", { title: "a vs b" });
  const trace = fig.data[0] as unknown as { x: number[]; y: number[] };
  assert.deepEqual(trace.x, [1, 4]);
  assert.deepEqual(trace.y, [2, 8]);
  assert.deepEqual(fig.layout?.title, { text: "a vs b" });
});

Deno.test("Table 1 for reading writes calendar rows without separators", () => {
  const summary = pl.DataFrame({
    feature: ["release_year", "followers"],
    count: [41106, 100],
    mean: [2001.37, 187963.2],
    min: [1971, 2145],
    flag: [null, null],
  });
  assert.deepEqual(readableSummaryTable(summary).toRecords(), [
    { feature: "release_year", count: "41,106", mean: "2001.4", min: "1971", flag: "—" },
    { feature: "followers", count: "100", mean: "187,963", min: "2,145", flag: "—" },
  ]);
});

Deno.test("histograms split by a label name their groups and say so in the title", () => {
  const df = pl.DataFrame({ x: [1, 2, 3, 4], target: [0, 1, 0, 1] });
  const fig = histogramFigure(featureHistograms(df, ["x"], { bins: 2, by: "target" }), {
    label: "target",
    dataset: "hit-predictor",
  });
  assert.deepEqual(fig.layout?.title, {
    text: "Feature distributions — hit-predictor (by target)",
  });
  const names = fig.data.map((t) => (t as { name?: string }).name);
  assert.deepEqual([...new Set(names)].sort(), ["target = 0", "target = 1"]);
});
