/**
 * Per-class means and scatter matrices, the sufficient statistics of the Gaussian classifiers
 * (LDA, QDA, Gaussian naive Bayes).
 *
 * @example
 * ```ts
 * import { classMoments } from "./class_moments.ts";
 * import { matrix } from "./matrix.ts";
 * const m = classMoments(matrix([[1], [3], [10]]), Uint8Array.of(0, 0, 1));
 * console.log(m.count, m.mean[0]); // [2, 1] Float64Array [2]
 * ```
 * @module
 */
import type { Labels, Matrix } from "./matrix.ts";

/** Counts, means and scatter (Σ (x − μ)(x − μ)ᵀ, row-major d × d) of classes 0 and 1. */
export interface ClassMoments {
  /** Rows of class 0 and of class 1. */
  count: [number, number];
  /** Means of class 0 and class 1, d values each. */
  mean: [Float64Array, Float64Array];
  /** Scatter matrices of class 0 and class 1 (not divided by anything). */
  scatter: [Float64Array, Float64Array];
}

/** Computes {@link ClassMoments} in two passes (means first, for accuracy). */
export function classMoments(X: Matrix, y: Labels): ClassMoments {
  const { rows, cols: d, data } = X;
  const count: [number, number] = [0, 0];
  const mean: [Float64Array, Float64Array] = [new Float64Array(d), new Float64Array(d)];
  for (let i = 0; i < rows; i++) {
    const m = mean[y[i]];
    count[y[i]]++;
    for (let j = 0; j < d; j++) m[j] += data[i * d + j];
  }
  for (const k of [0, 1]) for (let j = 0; j < d; j++) mean[k][j] /= Math.max(count[k], 1);
  const scatter: [Float64Array, Float64Array] = [new Float64Array(d * d), new Float64Array(d * d)];
  const diff = new Float64Array(d);
  for (let i = 0; i < rows; i++) {
    const m = mean[y[i]], s = scatter[y[i]];
    for (let j = 0; j < d; j++) diff[j] = data[i * d + j] - m[j];
    for (let j = 0; j < d; j++) {
      const dj = diff[j];
      for (let k = 0; k <= j; k++) s[j * d + k] += dj * diff[k];
    }
  }
  for (const s of scatter) {
    for (let j = 0; j < d; j++) for (let k = j + 1; k < d; k++) s[j * d + k] = s[k * d + j];
  }
  return { count, mean, scatter };
}
