import assert from "node:assert/strict";
import { hannWindow } from "../../../lib/audio/spectrogram/window.ts";

Deno.test("the periodic Hann window sums to N/2 and overlap-adds to a constant at hop N/4", () => {
  const n = 2048;
  const w = hannWindow(n);
  assert.equal(w[0], 0);
  assert.ok(Math.abs(w[n / 2] - 1) < 1e-15);
  assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - n / 2) < 1e-9);
  // periodic: w[n] = w[N − n]
  for (const i of [1, 100, 777]) assert.ok(Math.abs(w[i] - w[n - i]) < 1e-12);
  // constant overlap-add: Σ_k w[t + k·N/4] = 2 for every t
  for (const t of [0, 13, 511]) {
    let s = 0;
    for (let k = 0; k < 4; k++) s += w[t + (k * n) / 4];
    assert.ok(Math.abs(s - 2) < 1e-12, `t=${t}: ${s}`);
  }
});

Deno.test("the symmetric Hann window is zero at both ends", () => {
  const w = hannWindow(9, { periodic: false });
  assert.equal(w[0], 0);
  assert.ok(Math.abs(w[8]) < 1e-15);
  assert.ok(Math.abs(w[4] - 1) < 1e-15);
  assert.throws(() => hannWindow(0), RangeError);
});
