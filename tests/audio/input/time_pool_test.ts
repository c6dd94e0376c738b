import assert from "node:assert/strict";
import { timePool } from "../../../lib/audio/input/time_pool.ts";

Deno.test("time pooling averages equal spans, row by row", () => {
  // 2 rows × 6 frames → 3 columns
  const x = Float64Array.of(1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60);
  assert.deepEqual(Array.from(timePool(x, 2, 6, 3)), [1.5, 3.5, 5.5, 15, 35, 55]);
  // 7 frames → 3 columns: spans of 2, 2, 3 frames
  const y = Float64Array.of(1, 1, 2, 2, 3, 3, 3);
  assert.deepEqual(Array.from(timePool(y, 1, 7, 3)), [1, 2, 3]);
  // fewer frames than columns: nearest frame repeated
  assert.deepEqual(Array.from(timePool(Float64Array.of(1, 2), 1, 2, 4)), [1, 1, 2, 2]);
  // the mean over the whole row is preserved when spans are equal
  const z = Float64Array.from({ length: 861 }, (_, i) => Math.sin(i));
  const pooled = timePool(z, 1, 861, 861);
  assert.deepEqual(Array.from(pooled), Array.from(z));
  assert.throws(() => timePool(z, 1, 861, 0), RangeError);
});
