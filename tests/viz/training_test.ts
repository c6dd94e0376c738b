import assert from "node:assert/strict";
import { regressionReport } from "../../lib/eval/metrics.ts";
import type { EpochRecord } from "../../lib/model/training/history.ts";
import {
  ablationFrame,
  errorHistogramFigure,
  historyFigure,
  notebookProgress,
  predictedVsActualFigure,
  reportFrame,
} from "../../lib/viz/training.ts";

const record = (epoch: number, valLoss: number): EpochRecord => ({
  epoch,
  epochs: 4,
  loss: 100 - epoch,
  mae: 8 - epoch / 10,
  valLoss,
  valMae: Math.sqrt(valLoss),
  accuracy: null,
  valAccuracy: null,
  seconds: 1,
  samplesPerSecond: 100,
  improved: false,
});

Deno.test("historyFigure: validation loss and MAE per epoch on two axes, best epoch marked", () => {
  const fig = historyFigure([record(0, 120), record(1, 90), record(2, 95), record(3, 99)]);
  assert.equal(fig.data.length, 4);
  assert.deepEqual(fig.data[0].x, [1, 2, 3, 4]);
  assert.deepEqual(fig.data[0].y, [120, 90, 95, 99]);
  assert.equal(fig.data[1].yaxis, "y2");
  const shapes = fig.layout!.shapes as { x0: number }[];
  assert.equal(shapes[0].x0, 2, "epoch 2 had the lowest validation loss");
  assert.equal(historyFigure([record(0, 1)], { training: false }).data.length, 2);
});

Deno.test("predicted vs actual bars and the error histogram with its mean", () => {
  const actual = [10, 20, 30, 40, 50], predicted = [12, 18, 33, 40, 57];
  const bars = predictedVsActualFigure(actual, predicted, { sample: 3, seed: 1 });
  assert.equal(bars.data.length, 2);
  const ys = bars.data[0].y as number[];
  assert.equal(ys.length, 3);
  assert.deepEqual([...ys].sort((a, b) => a - b), ys, "sorted by actual popularity");
  const hist = errorHistogramFigure(actual, predicted);
  assert.deepEqual(hist.data[0].x, [2, -2, 3, 0, 7]);
  const shapes = hist.layout!.shapes as { x0: number }[];
  assert.equal(shapes[0].x0, 2);
  assert.throws(() => errorHistogramFigure([1], [1, 2]), RangeError);
});

Deno.test("report tables put the baseline beside every metric; ablation side by side", () => {
  const yTrue = [10, 60, 70, 20, 80, 55], yPred = [15, 58, 65, 30, 70, 52];
  const rows = regressionReport(yTrue, yPred, { threshold: 50, resamples: 50 });
  const table = reportFrame(rows, "CNN");
  assert.deepEqual(table.columns, ["metric", "CNN [95 % CI]", "baseline [95 % CI]", "baseline"]);
  assert.equal(table.height, rows.length);
  assert.match(String(table.getColumn("CNN [95 % CI]").toArray()[0]), /^\d+\.\d{3} \[/);
  const both = ablationFrame({ audio: rows, both: rows });
  assert.deepEqual(both.columns, ["metric", "audio", "both", "baseline"]);
  assert.throws(() => ablationFrame({ a: rows, b: rows.slice(1) }), /other metrics/);
});

Deno.test("notebookProgress falls back to the terminal outside Jupyter", () => {
  const p = notebookProgress("x");
  assert.equal(typeof p.onEpoch, "function");
});
