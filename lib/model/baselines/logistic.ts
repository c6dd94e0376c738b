/**
 * L2-regularised logistic regression, fitted to its exact optimum by Newton's method: minimises
 * ½‖w‖² + C Σᵢ log(1 + exp(−sᵢ(w·xᵢ + b))) with sᵢ = ±1 and the intercept b not penalised — the
 * objective of scikit-learn's `LogisticRegression(C=1.0)` (lbfgs), so both reach the same
 * coefficients up to their tolerances.
 *
 * @example
 * ```ts
 * import { LogisticRegression } from "./logistic.ts";
 * import { matrix } from "./matrix.ts";
 * const model = new LogisticRegression({ C: 1 });
 * model.fit(matrix([[0], [1], [2], [3]]), Uint8Array.of(0, 0, 1, 1));
 * model.predictProba(matrix([[1.5]])); // ≈ [0.5]
 * ```
 * @module
 */
import { type Classifier, NotFittedError, requireBothClasses, sigmoid } from "./estimator.ts";
import { checkColumns, checkTrainingData, type Labels, type Matrix } from "./matrix.ts";
import { newtonMinimize } from "./newton.ts";

/** Options of {@link LogisticRegression}. */
export interface LogisticRegressionOptions {
  /** Inverse regularisation strength (larger = less shrinkage); default 1 (scikit-learn's). */
  C?: number;
  /** Most Newton steps; default 100. */
  maxIterations?: number;
}

/** Binary logistic regression with an L2 penalty on the weights (not the intercept). */
export class LogisticRegression implements Classifier {
  readonly C: number;
  readonly maxIterations: number;
  /** Weights, one per feature, once fitted. */
  coef: Float64Array | null = null;
  intercept = 0;
  notes: string[] = [];

  constructor(options: LogisticRegressionOptions = {}) {
    this.C = options.C ?? 1;
    this.maxIterations = options.maxIterations ?? 100;
    if (!(this.C > 0)) throw new RangeError(`expected C > 0; found ${this.C}`);
  }

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    requireBothClasses(y, "LogisticRegression");
    const { rows, cols, data } = X;
    const d = cols + 1; // weights, then the intercept
    const C = this.C;
    const evaluate = (w: Float64Array) => {
      const gradient = new Float64Array(d);
      const hessian = new Float64Array(d * d);
      let loss = 0;
      for (let i = 0; i < rows; i++) {
        const o = i * cols;
        let m = w[cols];
        for (let j = 0; j < cols; j++) m += w[j] * data[o + j];
        // log(1 + e^{−s m}) without overflow
        const sm = y[i] === 1 ? m : -m;
        loss += sm > 0 ? Math.log1p(Math.exp(-sm)) : -sm + Math.log1p(Math.exp(sm));
        const p = sigmoid(m);
        const r = C * (p - y[i]);
        const h = C * p * (1 - p);
        for (let j = 0; j < cols; j++) {
          const xj = data[o + j];
          gradient[j] += r * xj;
          const hx = h * xj;
          const row = j * d;
          for (let k = 0; k <= j; k++) hessian[row + k] += hx * data[o + k];
          hessian[row + cols] += hx;
        }
        gradient[cols] += r;
        hessian[cols * d + cols] += h;
      }
      let penalty = 0;
      for (let j = 0; j < cols; j++) {
        penalty += w[j] * w[j];
        gradient[j] += w[j];
        hessian[j * d + j] += 1;
      }
      symmetrise(hessian, d, cols);
      // A tiny curvature on the intercept keeps the system solvable when every p is 0 or 1.
      hessian[cols * d + cols] += 1e-12;
      return { value: C * loss + penalty / 2, gradient, hessian };
    };
    const result = newtonMinimize(evaluate, new Float64Array(d), {
      maxIterations: this.maxIterations,
    });
    this.notes = result.converged
      ? []
      : [`LogisticRegression: Newton stopped after ${result.iterations} steps before converging`];
    this.coef = result.w.slice(0, cols);
    this.intercept = result.w[cols];
  }

  decisionFunction(X: Matrix): Float64Array {
    if (!this.coef) throw new NotFittedError("LogisticRegression");
    return linearScores(X, this.coef, this.intercept);
  }

  predictProba(X: Matrix): Float64Array {
    return this.decisionFunction(X).map(sigmoid);
  }

  predict(X: Matrix): Uint8Array {
    const z = this.decisionFunction(X);
    return Uint8Array.from(z, (v) => (v > 0 ? 1 : 0));
  }
}

/**
 * Fills the upper triangle of the first `cols` rows from the lower one and mirrors the last
 * column (intercept) into the last row, for the Hessians accumulated above.
 */
export function symmetrise(h: Float64Array, d: number, cols: number): void {
  for (let j = 0; j < cols; j++) {
    for (let k = j + 1; k < cols; k++) h[j * d + k] = h[k * d + j];
    h[cols * d + j] = h[j * d + cols];
  }
}

/** X w + b, one value per row. */
export function linearScores(X: Matrix, w: Float64Array, b: number): Float64Array {
  checkColumns(X, w.length);
  const { rows, cols, data } = X;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = b;
    const o = i * cols;
    for (let j = 0; j < cols; j++) s += w[j] * data[o + j];
    out[i] = s;
  }
  return out;
}
