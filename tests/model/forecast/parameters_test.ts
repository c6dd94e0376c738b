import assert from "node:assert/strict";
import { Rng } from "../../../lib/data/random.ts";
import {
  ForecasterSpecError,
  initialParameters,
  orthogonalMatrix,
  parameterLayout,
  recurrentWeights,
  slotValues,
} from "../../../lib/model/forecast/parameters.ts";

Deno.test("parameter layouts: LSTM 4 gates, GRU 3, the multi-input head after the concatenation", () => {
  const lstm = parameterLayout({ cell: "lstm", inputs: 10, hidden: 8, outputs: 10 });
  assert.equal(lstm.size, 10 * 32 + 8 * 32 + 32 + 8 * 10 + 10);
  const gru = parameterLayout({
    cell: "gru",
    inputs: 1,
    hidden: 8,
    outputs: 1,
    metadata: 13,
    headUnits: 16,
  });
  assert.equal(gru.gates, 3);
  assert.deepEqual([gru.headKernel!.rows, gru.headKernel!.cols], [21, 16]);
  assert.deepEqual([gru.outKernel.rows, gru.outKernel.cols], [16, 1]);
  assert.equal(gru.size, 24 + 8 * 24 + 24 + 21 * 16 + 16 + 16 + 1);
});

Deno.test("initial weights: seeded, orthogonal recurrent blocks, LSTM forget bias 1", () => {
  const layout = parameterLayout({ cell: "lstm", inputs: 2, hidden: 6, outputs: 1 });
  const a = initialParameters(layout, 5),
    b = initialParameters(layout, 5),
    c = initialParameters(layout, 6);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.deepEqual(Array.from(slotValues(a, layout.bias)), [
    0,
    0,
    0,
    0,
    0,
    0,
    1,
    1,
    1,
    1,
    1,
    1,
    ...new Array(12).fill(0),
  ]);
  const u = slotValues(a, layout.recurrent);
  for (let g = 0; g < 4; g++) {
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        let dot = 0;
        for (let k = 0; k < 6; k++) dot += u[i * 24 + g * 6 + k] * u[j * 24 + g * 6 + k];
        assert.ok(Math.abs(dot - (i === j ? 1 : 0)) < 1e-5);
      }
    }
  }
});

Deno.test("orthogonalMatrix gives QᵀQ = I", () => {
  const n = 9, q = orthogonalMatrix(n, new Rng(1));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += q[k * n + i] * q[k * n + j];
      assert.ok(Math.abs(dot - (i === j ? 1 : 0)) < 1e-12);
    }
  }
});

Deno.test("an impossible specification is refused with what was found", () => {
  assert.throws(
    () => parameterLayout({ cell: "lstm", inputs: 0, hidden: 4, outputs: 1 }),
    ForecasterSpecError,
  );
  assert.throws(
    () => parameterLayout({ cell: "rnn" as "lstm", inputs: 1, hidden: 4, outputs: 1 }),
    /cell must be lstm or gru; found "rnn"/,
  );
  assert.throws(
    () => parameterLayout({ cell: "gru", inputs: 1, hidden: 4, outputs: 1, headUnits: -1 }),
    /headUnits must be a whole number ≥ 0; found -1/,
  );
});

Deno.test("recurrentWeights: the sizes and views of W, U and b, shared with the values", () => {
  const layout = parameterLayout({ cell: "gru", inputs: 2, hidden: 3, outputs: 1 });
  const params = Float32Array.from({ length: layout.size }, (_, i) => i);
  const r = recurrentWeights(layout, params);
  assert.deepEqual([r.hidden, r.inputs, r.width], [3, 2, 9]);
  assert.deepEqual([r.W.length, r.U.length, r.b.length], [18, 27, 9]);
  assert.deepEqual([r.W[0], r.U[0], r.b[0]], [0, 18, 45], "kernel, recurrent kernel, bias in turn");
  r.b[8] = -1;
  assert.equal(params[53], -1, "a view, not a copy");
  assert.equal(
    recurrentWeights(parameterLayout({ ...layout.spec, cell: "lstm" }), params).width,
    12,
  );
});
