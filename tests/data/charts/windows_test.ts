import assert from "node:assert/strict";
import {
  multivariateWindows,
  perSongWindows,
  windowInputs,
  windowTargetIndex,
  windowTargets,
} from "../../../lib/data/charts/windows.ts";

const songs = 3, days = 10;
// value = 100·song + day, so every read says where it came from
const values = Float32Array.from(
  { length: songs * days },
  (_, i) => 100 * Math.floor(i / days) + (i % days),
);
const series = { values, songs, days };

Deno.test("multivariate windows are [batch, lookback, songs] with every song's next day as target", () => {
  const w = multivariateWindows(series, { lookback: 4, targetDays: Int32Array.of(4, 9) });
  const x = windowInputs(w), y = windowTargets(w);
  assert.deepEqual(x.shape, [2, 4, 3]);
  assert.deepEqual(y.shape, [2, 3]);
  assert.deepEqual(Array.from(x.data.subarray(0, 6)), [0, 100, 200, 1, 101, 201]); // day 0, day 1
  assert.deepEqual(Array.from(x.data.subarray(12, 15)), [5, 105, 205]); // window 2 starts at day 5
  assert.deepEqual(Array.from(y.data), [4, 104, 204, 9, 109, 209]);
  const index = windowTargetIndex(w);
  assert.deepEqual(Array.from(index.song), [0, 1, 2, 0, 1, 2]);
  assert.deepEqual(Array.from(index.day), [4, 4, 4, 9, 9, 9]);
});

Deno.test("per-song windows are [batch, lookback, 1], one per song and target day", () => {
  const w = perSongWindows(series, { lookback: 3, targetDays: Int32Array.of(3, 7) });
  const x = windowInputs(w), y = windowTargets(w);
  assert.deepEqual(x.shape, [6, 3, 1]);
  assert.deepEqual(y.shape, [6, 1]);
  assert.deepEqual(Array.from(x.data.subarray(3, 6)), [100, 101, 102]); // song 1, days 0–2
  assert.deepEqual(Array.from(y.data), [3, 103, 203, 7, 107, 207]);
  assert.deepEqual(Array.from(windowTargetIndex(w).song), [0, 1, 2, 0, 1, 2]);
  assert.equal(w.data, values); // a view over the table, not a copy
});

Deno.test("a target day without a full lookback inside the series is refused", () => {
  assert.throws(
    () => perSongWindows(series, { lookback: 5, targetDays: Int32Array.of(4) }),
    /target day 4 needs 5 days before it/,
  );
  assert.throws(
    () => multivariateWindows(series, { lookback: 2, targetDays: Int32Array.of(10) }),
    /inside the series of 10 days/,
  );
  assert.throws(
    () =>
      multivariateWindows({ values, songs: 4, days }, {
        lookback: 2,
        targetDays: Int32Array.of(5),
      }),
    /expected 4 × 10 = 40 values; found 30/,
  );
});
