import assert from "node:assert/strict";
import { jsBlas } from "../../../lib/model/backend/js_blas.ts";
import { affineBackward, affineForward } from "../../../lib/model/forecast/dense.ts";

// x [2, 3], W [3, 2], b [2]
const x = Float32Array.of(1, 2, 3, -1, 0, 2);
const W = Float32Array.of(1, 0, 0, 1, 2, -1);
const b = Float32Array.of(0.5, -0.5);

Deno.test("affineForward: every row is x·W + b", () => {
  const y = new Float32Array(4);
  affineForward(jsBlas, x, W, b, y, 2, 3, 2);
  // row 0: [1 + 6, 2 − 3] + b; row 1: [−1 + 4, −2] + b
  assert.deepEqual([...y], [7.5, -1.5, 3.5, -2.5]);
});

Deno.test("affineBackward adds xᵀ·dy and the column sums of dy; sets dx = dy·Wᵀ when asked", () => {
  const dy = Float32Array.of(1, 2, -1, 1);
  const gW = new Float32Array(6).fill(1), gb = Float32Array.of(10, 20);
  const dx = new Float32Array(6).fill(99);
  affineBackward(jsBlas, x, dy, W, gW, gb, dx, 2, 3, 2);
  // xᵀ·dy = [[1+1, 2−1], [2, 4], [3−2, 6+2]], added to the ones already there
  assert.deepEqual([...gW], [3, 2, 3, 5, 2, 9]);
  assert.deepEqual([...gb], [10, 23]);
  // dy·Wᵀ: row 0 [1, 2, 2 − 2], row 1 [−1, 1, −2 − 1]
  assert.deepEqual([...dx], [1, 2, 0, -1, 1, -3]);
  affineBackward(jsBlas, x, dy, W, gW, gb, null, 2, 3, 2);
  assert.deepEqual([...gW], [5, 3, 5, 9, 3, 17], "accumulated again");
  assert.deepEqual([...gb], [10, 26]);
});
