import assert from "node:assert/strict";
import { prepareStreamTable } from "../../../lib/data/charts/gaps.ts";
import { forecastSeries, forecastWindows } from "../../../lib/data/charts/series.ts";

Deno.test("forecastSeries fits the scaler on the training days and windows share the scaled table", () => {
  const days = 40;
  const prepared = prepareStreamTable({
    trackIds: ["a", "b"],
    dates: Array.from(
      { length: days },
      (_, d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10),
    ),
    values: Float64Array.from({ length: 2 * days }, (_, i) => (i < days ? 10 + (i % days) : 500)),
  });
  const series = forecastSeries(prepared, { testFraction: 0.25, validationFraction: 0.2 });
  assert.deepEqual(series.split, { days: 40, validationStart: 24, testStart: 30 });
  assert.equal(series.scaler.fitDays, 24);
  assert.equal(series.scaler.offset[0], 10);
  assert.equal(series.scaler.scale[0], 23); // max of the 24 training days is 33
  assert.ok(series.scaled.values[39] > 1); // test days may leave [0, 1]
  const w = forecastWindows(series, { shape: "per-song", part: "validation", lookback: 5 });
  assert.equal(w.data, series.scaled.values);
  assert.deepEqual(Array.from(w.targetDays.subarray(0, 2)), [24, 24]);
  assert.equal(w.targetDays.length, 2 * 6);
});
