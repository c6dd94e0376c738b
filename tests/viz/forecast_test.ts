import assert from "node:assert/strict";
import { forecastSeries } from "../../lib/data/charts/series.ts";
import { DAY_STATUS } from "../../lib/data/charts/gaps.ts";
import type { SweepRow } from "../../lib/eval/forecast/sweep.ts";
import { forecastComparison } from "../../lib/eval/forecast/table.ts";
import type { ForecastFit } from "../../lib/model/forecast/train.ts";
import { loadConfig } from "../../lib/config.ts";
import type { ForecastResults } from "../../lib/eval/forecast/experiment.ts";
import { forecastPlan } from "../../lib/eval/forecast/plan.ts";
import type { ForecastRow } from "../../lib/eval/forecast/table.ts";
import {
  forecastersMarkdown,
  forecastReading,
  forecastSettingsMarkdown,
  forecastTableFrame,
  forecastVsActualFigure,
  gapReportMarkdown,
  lossCurvesFigure,
  multiInputMarkdown,
  representativeSongs,
  splitMarkdown,
  streamSeriesFigure,
  streamSourceMarkdown,
  sweepFigure,
  sweepFrame,
  sweepReading,
  sweepTitle,
  windowsMarkdown,
} from "../../lib/viz/forecast.ts";
import { forecastOver, weekly } from "../eval/forecast/fixture.ts";

const rows: SweepRow[] = [7, 14].flatMap((lookback) =>
  (["lstm", "gru"] as const).map((cell) => ({
    cell,
    lookback,
    validationRmse: lookback * 10,
    testRmse: lookback * 11,
    epochs: 5,
    bestEpoch: 3,
    seconds: 0.5,
  }))
);

Deno.test("sweepFigure: validation and test per cell, baselines as lines over the lookbacks", () => {
  const fig = sweepFigure(rows, { baselines: [{ name: "last value", rmse: 99 }] });
  assert.deepEqual(fig.data.map((t) => t.name), [
    "LSTM · validation",
    "LSTM · test",
    "GRU · validation",
    "GRU · test",
    "last value · test",
  ]);
  assert.deepEqual(fig.data[0].x, [7, 14]);
  assert.deepEqual(fig.data[1].y, [77, 154]);
  assert.deepEqual(fig.data[4].x, [7, 14]);
  assert.equal(sweepFrame(rows).height, 4);
});

Deno.test("lossCurvesFigure: one subplot per model, test curve only when recorded", () => {
  const record = (epoch: number, monitorLoss: number | null) => ({
    epoch,
    epochs: 3,
    loss: 1 / (epoch + 1),
    mae: 0.5,
    valLoss: 0.9,
    valMae: 0.5,
    accuracy: null,
    valAccuracy: null,
    seconds: 0.1,
    samplesPerSecond: 100,
    improved: epoch === 0,
    monitorLoss,
  });
  const fit = (monitor: boolean): ForecastFit => ({
    history: [0, 1, 2].map((e) => record(e, monitor ? 1 : null)),
    bestEpoch: 0,
    stopEpoch: null,
    restoredBestWeights: true,
    seconds: 1,
  });
  const fig = lossCurvesFigure([{ name: "a", fit: fit(true) }, { name: "b", fit: fit(false) }]);
  assert.deepEqual(fig.data.map((t) => `${t.name}@${t.yaxis}`), [
    "training@y",
    "validation@y",
    "test@y",
    "training@y2",
    "validation@y2",
  ]);
  assert.equal((fig.layout!.shapes as unknown[]).length, 2);
  assert.equal((fig.layout!.yaxis2 as { type: string }).type, "log");
});

Deno.test("forecastVsActualFigure: actual on observed days only, each forecast per song", () => {
  const prepared = weekly(3, 60);
  const series = forecastSeries(prepared);
  prepared.status[1 * 60 + 55] = DAY_STATUS.filled;
  const f = forecastOver(prepared, series.split.testStart, (s) => 1000 * (s + 1));
  const fig = forecastVsActualFigure(prepared, series.split, [{ name: "m", predictions: f }], [
    1,
    2,
  ], {
    contextDays: 10,
  });
  assert.equal(fig.data.length, 4);
  const actual = fig.data[0];
  assert.equal((actual.x as string[]).length, 60 - (series.split.testStart - 10));
  assert.equal((actual.y as (number | null)[]).filter((v) => v === null).length, 1);
  assert.deepEqual(new Set(fig.data[1].y as number[]), new Set([2000]));
  const table = forecastTableFrame(forecastComparison(prepared, [{ name: "m", predictions: f }]));
  assert.deepEqual(table.columns.slice(0, 4), ["model", "kind", "split", "MSE (streams²)"]);
  assert.equal(table.height, 3);
});

Deno.test("streamSeriesFigure marks interpolated and filled days", () => {
  const prepared = weekly(2, 40);
  prepared.status[3] = DAY_STATUS.interpolated;
  prepared.status[40 + 5] = DAY_STATUS.filled;
  prepared.status[40 + 6] = DAY_STATUS.filled;
  const fig = streamSeriesFigure(prepared, forecastSeries(prepared).split, [0, 1]);
  const interpolated = fig.data.filter((t) => t.name === "one-day gap, interpolated");
  const filled = fig.data.filter((t) => t.name === "longer gap, filled");
  assert.deepEqual(interpolated.map((t) => (t.x as string[]).length), [1, 0]);
  assert.deepEqual(filled.map((t) => (t.x as string[]).length), [0, 2]);
  assert.deepEqual(filled.map((t) => t.showlegend), [false, true]); // listed where it first appears
});

Deno.test("the forecasting notebook's tables in Markdown: settings, source, gaps, split, windows", () => {
  const config = loadConfig({ env: { HSS_DATASET_DEMO_SIZE: "tiny" } });
  const plan = forecastPlan(config);
  assert.match(
    forecastSettingsMarkdown(config, plan),
    /^\*\*Seed\*\* 42 .*\n\nShort run on the tiny demo corpus/s,
  );
  const prepared = weekly(3, 30);
  const source = {
    table: prepared.table,
    description: "fixture",
    tracks: null,
    tracksNote: "",
    charts: null,
    names: new Map<string, string>(),
  };
  assert.equal(
    streamSourceMarkdown(source),
    "**Source:** fixture — 3 songs × 30 days (2024-01-01 … 2024-01-30).",
  );
  const gaps = gapReportMarkdown({
    ...prepared.report,
    dropped: [{ trackId: "x", missingDays: 9 }],
    observedDays: 12345,
  });
  assert.match(
    gaps,
    /\| songs dropped \(more than \d+ missing days after interpolation\) \| \*\*1\*\* \|/,
  );
  assert.match(gaps, /\| observed song-days \| 12,345 \|$/);
  const split = { days: 30, validationStart: 20, testStart: 25 };
  const text = splitMarkdown(prepared.table.dates, split, "minmax");
  assert.match(text, /\| validation \| 2024-01-21 \| 2024-01-25 \| 5 \|/);
  assert.match(text, /fitted on the 20 training days only\.$/);
  const windows = windowsMarkdown(
    [{
      shape: "per-song",
      part: "train",
      inputs: [10, 7, 1],
      targets: [10, 1],
      firstDay: 0,
      lastDay: 19,
    }],
    prepared.table.dates,
    7,
  );
  assert.match(
    windows,
    /\| per-song \| train \| \[10, 7, 1\] \| \[10, 1\] \| 2024-01-01 … 2024-01-20 \|$/,
  );
  assert.equal(
    sweepTitle("multivariate", 12.4),
    "lookback sweep (multivariate windows; RMSE in streams; 12 s in all)",
  );
  assert.equal(
    sweepReading(rows[1], 14, false),
    "Lowest validation RMSE: **GRU with lookback 7** (70 streams). The per-song and multi-input models below use lookback **14**.",
  );
  assert.match(sweepReading(rows[1], 21, true), /\*\*21\*\* \(set by forecast\.lookback\)\.$/);
});

Deno.test("representativeSongs: low, middle and high streams, plus one with a filled gap", () => {
  const prepared = weekly(10, 40);
  assert.deepEqual(representativeSongs(prepared), [0, 4, 8]);
  const days = prepared.table.dates.length;
  prepared.status[9 * days + 3] = DAY_STATUS.filled;
  assert.deepEqual(representativeSongs(prepared), [0, 4, 8, 9]);
});

Deno.test("forecastReading: the chosen model against both baselines, the metadata's effect", () => {
  const row = (name: string, rmse: number, kind: "model" | "baseline" = "model"): ForecastRow => ({
    name,
    kind,
    split: "test",
    mse: rmse ** 2,
    rmse,
    mae: rmse,
    targets: 10,
    rmseVsLastValue: 1,
  });
  const test = [
    row("GRU + metadata", 80),
    row("GRU", 100),
    row("last value", 90, "baseline"),
    row("last week", 70, "baseline"),
  ];
  const results: ForecastResults = {
    test,
    validation: test,
    picked: test[0],
    pickedTest: test[0],
    lastValue: test[2],
    lastWeek: test[3],
  };
  const plan = { lookbacks: [7], epochs: 2, quick: true, note: "" };
  const fit = { history: [{}, {}], bestEpoch: 1, seconds: 3.21 } as unknown as ForecastFit;
  const model = (name: string) => ({ name, fit } as never);
  const multi = {
    model: model("GRU + metadata"),
    cell: "gru" as const,
    plain: model("GRU"),
    known: 3,
    songs: 3,
  };
  const text = forecastReading(results, multi, plan);
  assert.match(
    text,
    /^The model chosen on the validation days, \*\*GRU \+ metadata\*\*, has a test RMSE of 80 streams per day: it \*\*beats\*\* last value \(90; ratio 0\.889\) and \*\*does not beat\*\* last week \(70; ratio 1\.14\)\./,
  );
  assert.match(
    text,
    /GRU \+ metadata has a test RMSE of 80 against 100 for the same cell without them \(ratio 0\.800\) — a gain/,
  );
  assert.match(text, /_This is the short run on the tiny corpus \(1 lookbacks, at most 2 epochs\)/);
  assert.ok(!/metadata:/.test(forecastReading(results, null, { ...plan, quick: false })));
  assert.equal(
    forecastersMarkdown([{ name: "GRU", fit } as never]),
    "- GRU: 2 epochs, best epoch 2, 3.21 s",
  );
  assert.equal(
    multiInputMarkdown({ ...multi, model: null, known: 1, songs: 4 }, null, ""),
    "No multi-input model: metadata found for only 1 of 4 songs.",
  );
  assert.equal(
    multiInputMarkdown({ ...multi, model: null }, null, "no tracks table"),
    "No multi-input model: no tracks table.",
  );
});
