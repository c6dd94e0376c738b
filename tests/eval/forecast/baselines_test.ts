import assert from "node:assert/strict";
import { NAIVE_BASELINES, naiveForecast } from "../../../lib/eval/forecast/baselines.ts";
import { forecastOver, weekly } from "./fixture.ts";

Deno.test("the naive baselines read the count 1 and 7 days before each target", () => {
  const prepared = weekly(2, 30);
  const targets = forecastOver(prepared, 20, () => 0);
  const last = naiveForecast(prepared, targets, 1), week = naiveForecast(prepared, targets, 7);
  for (let i = 0; i < targets.song.length; i++) {
    const row = targets.song[i] * 30;
    assert.equal(last.predicted[i], prepared.table.values[row + targets.day[i] - 1]);
    assert.equal(week.predicted[i], prepared.table.values[row + targets.day[i] - 7]);
  }
  assert.deepEqual(Array.from(last.day), Array.from(targets.day));
  assert.deepEqual(NAIVE_BASELINES.map((b) => b.lag), [1, 7]);
  assert.throws(
    () => naiveForecast(prepared, forecastOver(prepared, 3, () => 0), 7),
    /target day 3 has no day 7 days before it/,
  );
});
