import assert from "node:assert/strict";
import { Adam } from "../../../lib/model/forecast/adam.ts";

Deno.test("Adam's first steps match the formula with bias correction", () => {
  const p = Float32Array.of(1, -2), adam = new Adam(2, { learningRate: 0.1 });
  adam.step(p, Float32Array.of(0.5, -4));
  // step 1: m̂ = g, v̂ = g², update = lr · g / (|g| + ε) ≈ lr · sign(g)
  assert.ok(Math.abs(p[0] - 0.9) < 1e-6 && Math.abs(p[1] + 1.9) < 1e-6);
  adam.step(p, Float32Array.of(1, 0));
  const m = 0.9 * 0.05 + 0.1 * 1, v = 0.999 * 0.00025 + 0.001 * 1;
  const expected = 0.9 - (0.1 * (m / (1 - 0.81))) / (Math.sqrt(v / (1 - 0.998001)) + 1e-7);
  assert.ok(Math.abs(p[0] - expected) < 1e-6);
  assert.throws(
    () => adam.step(Float32Array.of(1), Float32Array.of(1)),
    /holds 2 parameters; found 1/,
  );
});

Deno.test("Adam minimises a quadratic", () => {
  const p = Float32Array.of(5), adam = new Adam(1, { learningRate: 0.05 });
  for (let i = 0; i < 2000; i++) adam.step(p, Float32Array.of(2 * (p[0] - 3)));
  assert.ok(Math.abs(p[0] - 3) < 1e-3);
});
