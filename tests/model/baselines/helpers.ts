/**
 * Shared helpers of the baselines' tests: the scikit-learn fixture as matrices, and tolerance
 * assertions.
 * @module
 */
import assert from "node:assert/strict";
import { type Matrix, matrix } from "../../../lib/model/baselines/matrix.ts";
import { SKLEARN_FIXTURE } from "./sklearn_fixture.ts";

/** Training rows, labels and query rows of the fixture. */
export const X: Matrix = matrix(SKLEARN_FIXTURE.X as unknown as number[][]);
export const y = Uint8Array.from(SKLEARN_FIXTURE.y);
export const Q: Matrix = matrix(SKLEARN_FIXTURE.Q as unknown as number[][]);

/** Asserts |a − b| ≤ tol for numbers or element-wise for arrays. */
export function close(
  actual: number | ArrayLike<number>,
  expected: number | ArrayLike<number>,
  tol: number,
  what = "value",
): void {
  const a = typeof actual === "number" ? [actual] : Array.from(actual);
  const e = typeof expected === "number" ? [expected] : Array.from(expected);
  assert.equal(a.length, e.length, `${what}: ${a.length} values, expected ${e.length}`);
  a.forEach((v, i) =>
    assert.ok(
      Math.abs(v - e[i]) <= tol,
      `${what}[${i}] = ${v}, expected ${e[i]} within ${tol}`,
    )
  );
}

/** A linearly separable problem: class = x0 > 0, with a nuisance column. */
export function separable(n = 40): { X: Matrix; y: Uint8Array } {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x0 = (i - n / 2 + 0.5) / 4;
    rows.push([x0, Math.sin(i)]);
    labels.push(x0 > 0 ? 1 : 0);
  }
  return { X: matrix(rows), y: Uint8Array.from(labels) };
}
