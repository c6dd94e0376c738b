import assert from "node:assert/strict";
import { forecastSeries } from "../../lib/data/charts/series.ts";
import { DAY_STATUS } from "../../lib/data/charts/gaps.ts";
import type { SweepRow } from "../../lib/eval/forecast/sweep.ts";
import { forecastComparison } from "../../lib/eval/forecast/table.ts";
import type { ForecastFit } from "../../lib/model/forecast/train.ts";
import {
  forecastTableFrame,
  forecastVsActualFigure,
  lossCurvesFigure,
  streamSeriesFigure,
  sweepFigure,
  sweepFrame,
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
