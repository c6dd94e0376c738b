import assert from "node:assert/strict";
import {
  chronologicalSplit,
  partDays,
  targetDays,
} from "../../../lib/data/charts/chronological.ts";
import { prepareStreamTable } from "../../../lib/data/charts/gaps.ts";
import { forecastSeries, forecastWindows } from "../../../lib/data/charts/series.ts";
import { windowDays } from "../../../lib/data/charts/windows.ts";
import { Rng } from "../../../lib/data/random.ts";

Deno.test("chronologicalSplit: test at the end, validation just before it, train first", () => {
  const split = chronologicalSplit(365, { testFraction: 0.2, validationFraction: 0.2 });
  assert.deepEqual(split, { days: 365, validationStart: 234, testStart: 292 });
  assert.deepEqual(partDays(split, "train"), [0, 234]);
  assert.deepEqual(partDays(split, "validation"), [234, 292]);
  assert.deepEqual(partDays(split, "test"), [292, 365]);
  assert.throws(() => chronologicalSplit(4, { testFraction: 0.1 }), /a part would be empty/);
  assert.throws(
    () => chronologicalSplit(100, { testFraction: 1 }),
    /testFraction must be in \(0, 1\); found 1/,
  );
});

Deno.test("targetDays: every day of the part with a full lookback before it", () => {
  const split = chronologicalSplit(120);
  assert.deepEqual(Array.from(targetDays(split, "train", 14)).slice(0, 2), [14, 15]);
  assert.equal(targetDays(split, "train", 14).at(-1), split.validationStart - 1);
  assert.equal(targetDays(split, "test", 14)[0], split.testStart);
  assert.throws(
    () => targetDays(split, "train", 80),
    /a lookback of 80 days leaves no train window/,
  );
});

Deno.test("no future day in a training window, for every lookback and both shapes", () => {
  const rng = new Rng(3);
  const songs = 5, days = 150;
  const dates = Array.from(
    { length: days },
    (_, d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10),
  );
  const prepared = prepareStreamTable({
    trackIds: Array.from({ length: songs }, (_, s) => `s${s}`),
    dates,
    values: Float64Array.from({ length: songs * days }, () => Math.round(rng.uniform(100, 1000))),
  });
  const series = forecastSeries(prepared, { testFraction: 0.2, validationFraction: 0.25 });
  const { validationStart, testStart } = series.split;
  for (const lookback of [1, 7, 14, 30, 56]) {
    for (const shape of ["multivariate", "per-song"] as const) {
      const train = forecastWindows(series, { shape, part: "train", lookback });
      const validation = forecastWindows(series, { shape, part: "validation", lookback });
      const test = forecastWindows(series, { shape, part: "test", lookback });
      for (let i = 0; i < train.targetDays.length; i++) {
        const [first, last] = windowDays(train, i);
        assert.ok(
          first >= 0 && last < validationStart,
          `train window ${i} reads days ${first}–${last}`,
        );
      }
      for (let i = 0; i < validation.targetDays.length; i++) {
        const t = validation.targetDays[i];
        assert.ok(t >= validationStart && t < testStart);
      }
      assert.ok(test.targetDays.every((t) => t >= testStart && t < days));
      // Every lookback is scored on the same test days.
      assert.equal(new Set(test.targetDays).size, days - testStart);
    }
  }
});
