/**
 * Linear support vector machine with the squared hinge loss, scikit-learn's `LinearSVC(C=1.0)`
 * (liblinear's L2-regularised L2-loss SVC): minimises ½‖w̃‖² + C Σᵢ max(0, 1 − sᵢ w̃·x̃ᵢ)² where
 * x̃ = (x, 1), so the intercept is penalised too, as liblinear does with intercept_scaling = 1.
 * Solved in the primal by generalised Newton steps (the objective is piecewise quadratic), the
 * method of liblinear's primal solver; the optimum is the one LinearSVC's dual solver approaches.
 *
 * @example
 * ```ts
 * import { LinearSVM } from "./linear_svm.ts";
 * import { matrix } from "./matrix.ts";
 * const svm = new LinearSVM();
 * svm.fit(matrix([[-2], [-1], [1], [2]]), Uint8Array.of(0, 0, 1, 1));
 * svm.predict(matrix([[0.5]])); // [1]
 * ```
 * @module
 */
import { type Classifier, NotFittedError, requireBothClasses } from "./estimator.ts";
import { linearScores, symmetrise } from "./logistic.ts";
import { checkTrainingData, type Labels, type Matrix } from "./matrix.ts";
import { newtonMinimize } from "./newton.ts";

/** Options of {@link LinearSVM}. */
export interface LinearSVMOptions {
  /** Penalty of the squared hinge loss; default 1 (scikit-learn's). */
  C?: number;
  /** Most Newton steps; default 100. */
  maxIterations?: number;
}

/** Linear SVM, squared hinge loss, L2 penalty on weights and intercept. */
export class LinearSVM implements Classifier {
  readonly C: number;
  readonly maxIterations: number;
  coef: Float64Array | null = null;
  intercept = 0;
  notes: string[] = [];

  constructor(options: LinearSVMOptions = {}) {
    this.C = options.C ?? 1;
    this.maxIterations = options.maxIterations ?? 100;
    if (!(this.C > 0)) throw new RangeError(`expected C > 0; found ${this.C}`);
  }

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    requireBothClasses(y, "LinearSVM");
    const { rows, cols, data } = X;
    const d = cols + 1;
    const C = this.C;
    const evaluate = (w: Float64Array) => {
      const gradient = new Float64Array(d);
      const hessian = new Float64Array(d * d);
      let loss = 0;
      for (let i = 0; i < rows; i++) {
        const o = i * cols;
        let m = w[cols];
        for (let j = 0; j < cols; j++) m += w[j] * data[o + j];
        const s = y[i] === 1 ? 1 : -1;
        const slack = 1 - s * m;
        if (slack <= 0) continue; // outside the margin: no loss, no curvature
        loss += slack * slack;
        const r = 2 * C * (m - s);
        for (let j = 0; j < cols; j++) {
          const xj = data[o + j];
          gradient[j] += r * xj;
          const hx = 2 * C * xj;
          const row = j * d;
          for (let k = 0; k <= j; k++) hessian[row + k] += hx * data[o + k];
          hessian[row + cols] += hx;
        }
        gradient[cols] += r;
        hessian[cols * d + cols] += 2 * C;
      }
      let penalty = 0;
      for (let j = 0; j < d; j++) {
        penalty += w[j] * w[j];
        gradient[j] += w[j];
        hessian[j * d + j] += 1;
      }
      symmetrise(hessian, d, cols);
      return { value: C * loss + penalty / 2, gradient, hessian };
    };
    const result = newtonMinimize(evaluate, new Float64Array(d), {
      maxIterations: this.maxIterations,
    });
    this.notes = result.converged
      ? []
      : [`LinearSVM: Newton stopped after ${result.iterations} steps before converging`];
    this.coef = result.w.slice(0, cols);
    this.intercept = result.w[cols];
  }

  decisionFunction(X: Matrix): Float64Array {
    if (!this.coef) throw new NotFittedError("LinearSVM");
    return linearScores(X, this.coef, this.intercept);
  }

  predict(X: Matrix): Uint8Array {
    return Uint8Array.from(this.decisionFunction(X), (v) => (v > 0 ? 1 : 0));
  }
}
