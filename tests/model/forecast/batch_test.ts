import assert from "node:assert/strict";
import {
  multivariateWindows,
  perSongWindows,
  windowInputs,
} from "../../../lib/data/charts/windows.ts";
import { gatherInputs, gatherMetadata, gatherTargets } from "../../../lib/model/forecast/batch.ts";

const songs = 3, days = 12;
const values = Float32Array.from(
  { length: songs * days },
  (_, i) => 100 * Math.floor(i / days) + (i % days),
);

Deno.test("gatherInputs lays windows out time-major: step t of every window in one block", () => {
  for (const build of [multivariateWindows, perSongWindows]) {
    const w = build({ values, songs, days }, { lookback: 4, targetDays: Int32Array.of(4, 7, 11) });
    const n = w.targetDays.length, order = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    const x = new Float32Array(w.lookback * n * w.features);
    gatherInputs(w, order, 0, n, x);
    const ref = windowInputs(w); // [windows, lookback, features]
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < w.lookback; t++) {
        for (let f = 0; f < w.features; f++) {
          assert.equal(
            x[(t * n + i) * w.features + f],
            ref.data[(order[i] * w.lookback + t) * w.features + f],
          );
        }
      }
    }
  }
});

Deno.test("gatherTargets and gatherMetadata follow the batch order", () => {
  const w = perSongWindows({ values, songs, days }, { lookback: 2, targetDays: Int32Array.of(5) });
  const y = new Float32Array(2), meta = new Float32Array(4);
  gatherTargets(w, [2, 0], 0, 2, y);
  assert.deepEqual(Array.from(y), [205, 5]);
  gatherMetadata(w, Float32Array.of(1, 2, 3, 4, 5, 6), 2, [2, 0], 0, 2, meta);
  assert.deepEqual(Array.from(meta), [5, 6, 1, 2]);
});
