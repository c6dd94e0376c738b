import assert from "node:assert/strict";
import { forecastSeries } from "../../../lib/data/charts/series.ts";
import { bestLookback, lookbackSweep, type SweepRow } from "../../../lib/eval/forecast/sweep.ts";
import { weekly } from "./fixture.ts";

Deno.test("lookbackSweep trains every cell × lookback on the same split and scores both parts", async () => {
  const series = forecastSeries(weekly(4, 90), { testFraction: 0.2, validationFraction: 0.25 });
  const lines: string[] = [];
  const sweep = await lookbackSweep(series, {
    lookbacks: [7, 14],
    hidden: 6,
    training: { epochs: 3 },
    progress: { onMessage: (line) => void lines.push(line) },
  });
  assert.deepEqual(sweep.rows.map((r) => `${r.cell}:${r.lookback}`), [
    "lstm:7",
    "lstm:14",
    "gru:7",
    "gru:14",
  ]);
  assert.equal(sweep.models.length, 4);
  assert.ok(sweep.rows.every((r) => r.validationRmse > 0 && r.testRmse > 0 && r.epochs === 3));
  assert.equal(lines.length, 4);
  assert.match(lines[3], /^4\/4 GRU lookback 14: 3 epochs/);
  // Every run predicts the same test targets.
  const days = (i: number) => Array.from(sweep.models[i].test.day).join();
  assert.equal(days(0), days(1));
  assert.equal(sweep.best.lstm, bestLookback(sweep.rows.filter((r) => r.cell === "lstm")));
});

Deno.test("bestLookback chooses by validation RMSE, never by test RMSE", () => {
  const row = (lookback: number, validationRmse: number, testRmse: number): SweepRow => ({
    cell: "lstm",
    lookback,
    validationRmse,
    testRmse,
    epochs: 1,
    bestEpoch: 1,
    seconds: 0,
  });
  assert.equal(bestLookback([row(7, 10, 1), row(14, 5, 100), row(21, 6, 0.5)]).lookback, 14);
  assert.throws(() => bestLookback([]), /no sweep rows/);
});
