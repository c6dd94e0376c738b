import assert from "node:assert/strict";
import { fitMarginLoss, linearScores, symmetrise } from "../../../lib/model/baselines/linear.ts";
import { matrix } from "../../../lib/model/baselines/matrix.ts";
import { close } from "./helpers.ts";

/** (m − y)²: with it the objective is quadratic and its optimum known in closed form. */
const squared = (m: number, y: number, C: number) => ({
  loss: (m - y) ** 2,
  slope: 2 * C * (m - y),
  curvature: 2 * C,
});

Deno.test("fitMarginLoss reaches the closed-form optimum, with the intercept free or penalised", () => {
  // (−w + b)² + (w + b − 1)² + ½w² (+ ½b²): w = 0.4 either way; b = 0.5 free, 0.4 penalised
  const X = matrix([[-1], [1]]), y = Uint8Array.of(0, 1);
  const options = { name: "least squares", C: 1, maxIterations: 20, loss: squared };
  const free = fitMarginLoss(X, y, { ...options, penaliseIntercept: false });
  close(free.coef[0], 0.4, 1e-12, "w");
  close(free.intercept, 0.5, 1e-12, "b free");
  assert.deepEqual(free.notes, []);
  const penalised = fitMarginLoss(X, y, { ...options, penaliseIntercept: true });
  close(penalised.coef[0], 0.4, 1e-12, "w");
  close(penalised.intercept, 0.4, 1e-12, "b penalised");
});

Deno.test("rows whose loss is null add nothing; a fit stopped early says so", () => {
  // a third row, label 2, whose loss is null: the fit is the two-row fit exactly
  const X = matrix([[-1], [1], [50]]), y = Uint8Array.of(0, 1, 2);
  const options = { name: "m", C: 1, maxIterations: 20, penaliseIntercept: false };
  const skipped = fitMarginLoss(X, y, {
    ...options,
    loss: (m, label, C) => (label === 2 ? null : squared(m, label, C)),
  });
  const twoRows = fitMarginLoss(matrix([[-1], [1]]), Uint8Array.of(0, 1), {
    ...options,
    loss: squared,
  });
  assert.deepEqual(skipped, twoRows);
  const stopped = fitMarginLoss(matrix([[-1], [1], [2]]), Uint8Array.of(0, 1, 1), {
    ...options,
    maxIterations: 1,
    loss: (m, label, C) => ({
      loss: Math.log1p(Math.exp(-(label ? m : -m))),
      slope: C * (1 / (1 + Math.exp(-m)) - label),
      curvature: C * (1 / (1 + Math.exp(-m))) * (1 - 1 / (1 + Math.exp(-m))),
    }),
  });
  assert.deepEqual(stopped.notes, ["m: Newton stopped after 1 steps before converging"]);
});

Deno.test("symmetrise mirrors the lower triangle and the intercept column; scores are X w + b", () => {
  const h = Float64Array.of(1, 0, 4, 2, 3, 5, 0, 0, 6); // d = 3, cols = 2, lower + last column
  symmetrise(h, 3, 2);
  assert.deepEqual([...h], [1, 2, 4, 2, 3, 5, 4, 5, 6]);
  assert.deepEqual([...linearScores(matrix([[1, 2], [3, 4]]), Float64Array.of(1, -1), 0.5)], [
    -0.5,
    -0.5,
  ]);
  assert.throws(() => linearScores(matrix([[1]]), Float64Array.of(1, 2), 0));
});
