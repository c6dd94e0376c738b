import assert from "node:assert/strict";
import { sigmoid, tanh } from "../../../lib/model/forecast/activations.ts";

Deno.test("table sigmoid and tanh agree with Math to 1e-10 everywhere, and saturate beyond the table", () => {
  let worst = 0;
  for (let x = -45; x <= 45; x += 0.000917) {
    worst = Math.max(
      worst,
      Math.abs(sigmoid(x) - 1 / (1 + Math.exp(-x))),
      Math.abs(tanh(x) - Math.tanh(x)),
    );
  }
  assert.ok(worst < 1e-10, `worst error ${worst}`);
  assert.equal(sigmoid(0), 0.5);
  assert.ok(Math.abs(sigmoid(1e6) - 1) < 1e-12 && sigmoid(-1e6) < 1e-12);
  assert.ok(Number.isNaN(sigmoid(NaN)) && Number.isNaN(tanh(NaN)));
});
