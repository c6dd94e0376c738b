/**
 * Gaussian discriminant analysis for two classes, as scikit-learn's defaults:
 *
 * - {@link LinearDiscriminantAnalysis}: one covariance shared by both classes (pooled, divisor
 *   n − 2), priors from the class frequencies; the decision is linear in x.
 * - {@link QuadraticDiscriminantAnalysis}: one covariance per class (divisor nₖ − 1), no
 *   regularisation; the decision is quadratic in x.
 *
 * Where a covariance is singular (a feature constant within a class, collinear features),
 * scikit-learn drops the null directions with a warning; here a tiny ridge (from 1e-10 of the mean
 * variance up) is added and named in `notes`.
 *
 * @example
 * ```ts
 * import { LinearDiscriminantAnalysis } from "./discriminant.ts";
 * import { matrix } from "./matrix.ts";
 * const lda = new LinearDiscriminantAnalysis();
 * lda.fit(matrix([[0, 1], [1, 0], [3, 4], [4, 3]]), Uint8Array.of(0, 0, 1, 1));
 * lda.predict(matrix([[3.5, 3.5]])); // [1]
 * ```
 * @module
 */
import { classMoments } from "./class_moments.ts";
import { type Classifier, NotFittedError, requireBothClasses, sigmoid } from "./estimator.ts";
import {
  checkColumns,
  checkTrainingData,
  choleskySolveFactored,
  choleskyWithRidge,
  type Labels,
  logDetFromCholesky,
  type Matrix,
} from "./matrix.ts";

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/** Linear discriminant analysis with a pooled covariance and class-frequency priors. */
export class LinearDiscriminantAnalysis implements Classifier {
  /** Weight per feature of the linear decision function; null before fit. */
  coef: Float64Array | null = null;
  /** The decision function's intercept (log-prior ratio included). */
  intercept: number = 0;
  notes: string[] = [];

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    requireBothClasses(y, "LinearDiscriminantAnalysis");
    const d = X.cols;
    const { count, mean, scatter } = classMoments(X, y);
    const n = count[0] + count[1];
    const pooled = new Float64Array(d * d);
    const divisor = Math.max(n - 2, 1);
    for (let k = 0; k < d * d; k++) pooled[k] = (scatter[0][k] + scatter[1][k]) / divisor;
    const { factor, ridge } = choleskyWithRidge(pooled, d);
    this.notes = ridge > 0
      ? [`LDA: pooled covariance singular; ridge ${ridge.toExponential(1)} added`]
      : [];
    const diff = mean[1].map((m, j) => m - mean[0][j]);
    const w = choleskySolveFactored(factor, diff, d);
    const s1 = choleskySolveFactored(factor, mean[1], d);
    const s0 = choleskySolveFactored(factor, mean[0], d);
    this.coef = w;
    this.intercept = -0.5 * (dot(mean[1], s1) - dot(mean[0], s0)) +
      Math.log(count[1] / count[0]);
  }

  /** Log posterior odds of class 1. */
  decisionFunction(X: Matrix): Float64Array {
    if (!this.coef) throw new NotFittedError("LinearDiscriminantAnalysis");
    checkColumns(X, this.coef.length);
    const { rows, cols, data } = X;
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let s = this.intercept;
      for (let j = 0; j < cols; j++) s += this.coef[j] * data[i * cols + j];
      out[i] = s;
    }
    return out;
  }

  predictProba(X: Matrix): Float64Array {
    return this.decisionFunction(X).map(sigmoid);
  }

  predict(X: Matrix): Uint8Array {
    return Uint8Array.from(this.decisionFunction(X), (v) => (v > 0 ? 1 : 0));
  }
}

/** One class's fitted Gaussian in quadratic discriminant analysis. */
export interface ClassGaussian {
  /** The class's mean per feature. */
  mean: Float64Array;
  /** Cholesky factor of the class's covariance (ridge added when needed), row-major d × d. */
  factor: Float64Array;
  /** log det of the covariance. */
  logDet: number;
  /** log of the class's share of the training rows. */
  logPrior: number;
}

/** Quadratic discriminant analysis: a Gaussian with its own covariance per class. */
export class QuadraticDiscriminantAnalysis implements Classifier {
  /** The fitted Gaussians of class 0 and class 1; null before fit. */
  classes: [ClassGaussian, ClassGaussian] | null = null;
  notes: string[] = [];

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    requireBothClasses(y, "QuadraticDiscriminantAnalysis");
    const d = X.cols;
    const { count, mean, scatter } = classMoments(X, y);
    const n = count[0] + count[1];
    this.notes = [];
    const fitted = ([0, 1] as const).map((k): ClassGaussian => {
      const cov = scatter[k].map((v) => v / Math.max(count[k] - 1, 1));
      const { factor, ridge } = choleskyWithRidge(cov, d);
      if (ridge > 0) {
        this.notes.push(
          `QDA: covariance of class ${k} singular; ridge ${ridge.toExponential(1)} added`,
        );
      }
      return {
        mean: mean[k],
        factor,
        logDet: logDetFromCholesky(factor, d),
        logPrior: Math.log(count[k] / n),
      };
    });
    this.classes = [fitted[0], fitted[1]];
  }

  /** Log posterior odds of class 1: δ₁(x) − δ₀(x). */
  decisionFunction(X: Matrix): Float64Array {
    if (!this.classes) throw new NotFittedError("QuadraticDiscriminantAnalysis");
    const d = this.classes[0].mean.length;
    checkColumns(X, d);
    const out = new Float64Array(X.rows);
    const diff = new Float64Array(d);
    for (let i = 0; i < X.rows; i++) {
      const delta = this.classes.map((c) => {
        for (let j = 0; j < d; j++) diff[j] = X.data[i * d + j] - c.mean[j];
        // (x − μ)ᵀ Σ⁻¹ (x − μ) = ‖L⁻¹(x − μ)‖²: forward substitution only.
        let q = 0;
        for (let r = 0; r < d; r++) {
          let s = diff[r];
          for (let k = 0; k < r; k++) s -= c.factor[r * d + k] * diff[k];
          s /= c.factor[r * d + r];
          diff[r] = s;
          q += s * s;
        }
        return -0.5 * c.logDet - 0.5 * q + c.logPrior;
      });
      out[i] = delta[1] - delta[0];
    }
    return out;
  }

  predictProba(X: Matrix): Float64Array {
    return this.decisionFunction(X).map(sigmoid);
  }

  predict(X: Matrix): Uint8Array {
    return Uint8Array.from(this.decisionFunction(X), (v) => (v > 0 ? 1 : 0));
  }
}
