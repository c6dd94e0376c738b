/**
 * The one contract every classifier of the workspace honours, as scikit-learn's: `fit` on
 * training rows, `predict` a 0/1 label per row, and a continuous score for ranking metrics
 * (ROC-AUC) — `predictProba` (probability of class 1) where the model has one, otherwise
 * `decisionFunction` (a margin whose sign is the class). Standardisation is a step fitted inside
 * `fit` (see ./standardize.ts), so a cross-validation fold never sees its test rows' statistics.
 *
 * @example
 * ```ts
 * import { rankingScore } from "./estimator.ts";
 * import { matrix } from "./matrix.ts";
 * import { LogisticRegression } from "./logistic.ts";
 * const X = matrix([[0], [1], [2], [3]]);
 * const model = new LogisticRegression();
 * model.fit(X, Uint8Array.of(0, 0, 1, 1));
 * console.log(model.predict(X), rankingScore(model, X));
 * ```
 * @module
 */
import type { Labels, Matrix } from "./matrix.ts";

/** A binary classifier: fit, predict, and at least one of predictProba / decisionFunction. */
export interface Classifier {
  /** Learns from training rows `X` (rows × features) and their 0/1 labels `y`. */
  fit(X: Matrix, y: Labels): void;
  /** A 0/1 label per row of `X`. */
  predict(X: Matrix): Uint8Array;
  /** Probability of class 1 per row, in [0, 1], where the model has one. */
  predictProba?(X: Matrix): Float64Array;
  /** Signed margin per row (positive → class 1), for margin-based models. */
  decisionFunction?(X: Matrix): Float64Array;
  /** Notes on the last fit a reader should see (a ridge added, an early stop), if any. */
  readonly notes?: readonly string[];
}

/** Raised when predict or a score is asked of a model that was not fitted. */
export class NotFittedError extends Error {
  /** Names the `model` that was asked to predict before being fitted. */
  constructor(model: string) {
    super(`${model} is not fitted: call fit(X, y) first`);
    this.name = "NotFittedError";
  }
}

/**
 * The score ROC-AUC ranks by, as scikit-learn's reference does: the decision function where the
 * model has one, else the probability of class 1.
 *
 * @throws {TypeError} when the model offers neither.
 */
export function rankingScore(model: Classifier, X: Matrix): Float64Array {
  if (model.decisionFunction) return model.decisionFunction(X);
  if (model.predictProba) return model.predictProba(X);
  throw new TypeError("expected a classifier with predictProba or decisionFunction; found neither");
}

/** The logistic function 1 / (1 + e^(−z)), computed without overflow. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Raised when a model that needs both classes is fitted on rows of one class only. */
export class SingleClassError extends Error {
  /** Names the `model`, the only `label` found and the number of training `rows`. */
  constructor(model: string, label: number, rows: number) {
    super(
      `${model} needs training rows of both classes (0 and 1); found only class ${label} in ` +
        `${rows} rows`,
    );
    this.name = "SingleClassError";
  }
}

/**
 * Counts the positives of `y` and throws a {@link SingleClassError} when one class is absent.
 *
 * @returns the number of rows labelled 1.
 */
export function requireBothClasses(y: ArrayLike<number>, model: string): number {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  if (positives === 0 || positives === y.length) {
    throw new SingleClassError(model, positives === 0 ? 0 : 1, y.length);
  }
  return positives;
}
