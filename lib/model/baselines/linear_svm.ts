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
import { LinearClassifier, type MarginLoss } from "./linear.ts";

/** max(0, 1 − s m)² with s = ±1; a row outside the margin adds no loss and no curvature. */
const squaredHinge: MarginLoss = (m, y, C) => {
  const s = y === 1 ? 1 : -1;
  const slack = 1 - s * m;
  if (slack <= 0) return null;
  return { loss: slack * slack, slope: 2 * C * (m - s), curvature: 2 * C };
};

/** Linear SVM, squared hinge loss, L2 penalty on weights and intercept. */
export class LinearSVM extends LinearClassifier {
  /** The model's name in messages. */
  protected readonly name = "LinearSVM";
  /** The squared hinge loss, the intercept penalised as liblinear does. */
  protected readonly objective = { loss: squaredHinge, penaliseIntercept: true };
}
