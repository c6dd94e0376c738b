/**
 * The majority-class dummy: predicts, for every row, the class most frequent in the training
 * labels (scikit-learn's `DummyClassifier(strategy="most_frequent")`; a tie goes to class 1). Its
 * probability is the training share of class 1 for every row, so its ROC-AUC is 0.5. It belongs
 * in every comparison table: on a dataset where 96 % of songs are popular it scores F1 ≈ 0.98.
 *
 * @example
 * ```ts
 * import { MajorityClass } from "./dummy.ts";
 * import { matrix } from "./matrix.ts";
 * const dummy = new MajorityClass();
 * dummy.fit(matrix([[0], [0], [0]]), Uint8Array.of(1, 1, 0));
 * dummy.predict(matrix([[5]])); // [1]
 * ```
 * @module
 */
import { type Classifier, NotFittedError } from "./estimator.ts";
import { checkTrainingData, countPositives, type Labels, type Matrix } from "./matrix.ts";

/** Predicts the training majority class for every row. */
export class MajorityClass implements Classifier {
  /** The constant answer, once fitted. */
  majority: 0 | 1 | null = null;
  /** Share of class 1 among the training labels. */
  prior: number = NaN;

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    const positives = countPositives(y);
    this.prior = positives / y.length;
    this.majority = positives * 2 >= y.length ? 1 : 0;
  }

  predict(X: Matrix): Uint8Array {
    if (this.majority === null) throw new NotFittedError("MajorityClass");
    return new Uint8Array(X.rows).fill(this.majority);
  }

  predictProba(X: Matrix): Float64Array {
    if (this.majority === null) throw new NotFittedError("MajorityClass");
    return new Float64Array(X.rows).fill(this.prior);
  }
}
