import assert from "node:assert/strict";
import { newtonMinimize } from "../../../lib/model/baselines/newton.ts";
import { close } from "./helpers.ts";

Deno.test("Newton reaches the minimum of a quadratic in one step", () => {
  // f(w) = ½ wᵀ A w − bᵀ w, minimum at A⁻¹ b
  const A = [3, 1, 1, 2], b = [1, 1];
  const result = newtonMinimize((w) => ({
    value: 0.5 * (w[0] * (A[0] * w[0] + A[1] * w[1]) + w[1] * (A[2] * w[0] + A[3] * w[1])) -
      b[0] * w[0] - b[1] * w[1],
    gradient: Float64Array.of(A[0] * w[0] + A[1] * w[1] - b[0], A[2] * w[0] + A[3] * w[1] - b[1]),
    hessian: Float64Array.from(A),
  }), new Float64Array(2));
  assert.ok(result.converged);
  assert.ok(result.iterations <= 2, `${result.iterations} iterations`);
  close(result.w, [0.2, 0.4], 1e-12);
});

Deno.test("the line search keeps Newton convergent on a function where a full step overshoots", () => {
  // f(w) = log cosh(w): Newton's full step diverges from |w| > 1.09 without damping.
  const result = newtonMinimize((w) => ({
    value: Math.log(Math.cosh(w[0])),
    gradient: Float64Array.of(Math.tanh(w[0])),
    hessian: Float64Array.of(Math.max(1 / Math.cosh(w[0]) ** 2, 1e-300)),
  }), Float64Array.of(3));
  assert.ok(result.converged);
  close(result.w[0], 0, 1e-8);
});
