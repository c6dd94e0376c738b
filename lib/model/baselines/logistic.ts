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
import { sigmoid } from "./estimator.ts";
import { LinearClassifier, type MarginLoss } from "./linear.ts";
import type { Matrix } from "./matrix.ts";

/** log(1 + e^{−s m}) with s = ±1, computed without overflow, and its derivatives times C. */
const logLoss: MarginLoss = (m, y, C) => {
  const sm = y === 1 ? m : -m;
  const p = sigmoid(m);
  return {
    loss: sm > 0 ? Math.log1p(Math.exp(-sm)) : -sm + Math.log1p(Math.exp(sm)),
    slope: C * (p - y),
    curvature: C * p * (1 - p),
  };
};

/** Binary logistic regression with an L2 penalty on the weights (not the intercept). */
export class LogisticRegression extends LinearClassifier {
  /** The model's name in messages. */
  protected readonly name = "LogisticRegression";
  /** The log loss, the intercept free; a tiny curvature on the intercept keeps the system
   * solvable when every p is 0 or 1. */
  protected readonly objective = {
    loss: logLoss,
    penaliseIntercept: false,
    interceptCurvature: 1e-12,
  };

  /** The probability of class 1 per row, σ(w·x + b). */
  predictProba(X: Matrix): Float64Array {
    return this.decisionFunction(X).map(sigmoid);
  }
}
