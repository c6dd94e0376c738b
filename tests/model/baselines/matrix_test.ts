import assert from "node:assert/strict";
import {
  checkTrainingData,
  cholesky,
  choleskySolve,
  choleskyWithRidge,
  logDetFromCholesky,
  matrix,
  NotPositiveDefiniteError,
  ShapeError,
  takeLabels,
  takeRows,
} from "../../../lib/model/baselines/matrix.ts";
import { close } from "./helpers.ts";

Deno.test("matrix stores rows in order and rejects ragged rows", () => {
  const X = matrix([[1, 2], [3, 4], [5, 6]]);
  assert.equal(X.rows, 3);
  assert.equal(X.cols, 2);
  assert.deepEqual(Array.from(X.data), [1, 2, 3, 4, 5, 6]);
  assert.throws(() => matrix([[1, 2], [3]]), ShapeError);
  assert.deepEqual(Array.from(takeRows(X, [2, 0]).data), [5, 6, 1, 2]);
  assert.deepEqual(Array.from(takeLabels(Uint8Array.of(0, 1, 1), [1, 0])), [1, 0]);
});

Deno.test("Cholesky solves a symmetric positive definite system and gives its log-determinant", () => {
  const A = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3];
  const x = choleskySolve(A, [1, 2, 3], 3);
  // A x = b checked by multiplication
  for (let i = 0; i < 3; i++) {
    close(A[i * 3] * x[0] + A[i * 3 + 1] * x[1] + A[i * 3 + 2] * x[2], i + 1, 1e-12);
  }
  const det = 4 * (5 * 3 - 1) - 2 * (2 * 3 - 0.6) + 0.6 * (2 - 5 * 0.6);
  close(logDetFromCholesky(cholesky(Float64Array.from(A), 3), 3), Math.log(det), 1e-12);
});

Deno.test("a singular matrix fails Cholesky and gets the smallest ridge that works", () => {
  const singular = [1, 1, 1, 1];
  assert.throws(() => cholesky(Float64Array.from(singular), 2), NotPositiveDefiniteError);
  const { ridge } = choleskyWithRidge(singular, 2);
  assert.ok(ridge > 0 && ridge <= 1e-8, `ridge ${ridge}`);
  assert.equal(choleskyWithRidge([2, 0, 0, 3], 2).ridge, 0);
});

Deno.test("training data are checked for shape, labels and finite values", () => {
  const X = matrix([[1], [2]]);
  assert.throws(() => checkTrainingData(X, Uint8Array.of(0)), /2 rows but y has 1/);
  assert.throws(() => checkTrainingData(X, Uint8Array.of(0, 2)), /labels 0 or 1; found 2/);
  assert.throws(() => checkTrainingData(matrix([[1], [NaN]]), Uint8Array.of(0, 1)), /row 1/);
  checkTrainingData(X, Uint8Array.of(0, 1));
});
