/**
 * Gaussian naive Bayes as scikit-learn's `GaussianNB()`: per class and feature a normal density
 * with the class mean and variance (divisor nₖ), every variance increased by
 * `varSmoothing` × the largest feature variance of the training rows, priors from the class
 * frequencies.
 *
 * @example
 * ```ts
 * import { GaussianNaiveBayes } from "./naive_bayes.ts";
 * import { matrix } from "./matrix.ts";
 * const nb = new GaussianNaiveBayes();
 * nb.fit(matrix([[0], [1], [5], [6]]), Uint8Array.of(0, 0, 1, 1));
 * nb.predict(matrix([[4]])); // [1]
 * ```
 * @module
 */
import { classMoments } from "./class_moments.ts";
import { type Classifier, NotFittedError, requireBothClasses, sigmoid } from "./estimator.ts";
import { checkColumns, checkTrainingData, type Labels, type Matrix } from "./matrix.ts";

/** Options of {@link GaussianNaiveBayes}. */
export interface GaussianNaiveBayesOptions {
  /** Share of the largest feature variance added to every variance; default 1e-9 (scikit-learn). */
  varSmoothing?: number;
}

/** Gaussian naive Bayes for two classes. */
export class GaussianNaiveBayes implements Classifier {
  /** Share of the largest feature variance added to every variance. */
  readonly varSmoothing: number;
  /** Per class (0, 1), the mean of every feature; null before fit. */
  mean: [Float64Array, Float64Array] | null = null;
  /** Per class (0, 1), the smoothed variance of every feature; null before fit. */
  variance: [Float64Array, Float64Array] | null = null;
  /** Per class (0, 1), the log of its share of the training rows. */
  logPrior: [number, number] = [NaN, NaN];

  /** A classifier with the given variance smoothing (default 1e-9, scikit-learn's). */
  constructor(options: GaussianNaiveBayesOptions = {}) {
    this.varSmoothing = options.varSmoothing ?? 1e-9;
  }

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    requireBothClasses(y, "GaussianNaiveBayes");
    const d = X.cols;
    const { count, mean, scatter } = classMoments(X, y);
    const n = count[0] + count[1];
    // Largest variance of any feature over all rows: within-class scatter plus between-class part.
    let largest = 0;
    for (let j = 0; j < d; j++) {
      const overall = (count[0] * mean[0][j] + count[1] * mean[1][j]) / n;
      let ss = scatter[0][j * d + j] + scatter[1][j * d + j];
      for (const k of [0, 1]) ss += count[k] * (mean[k][j] - overall) ** 2;
      largest = Math.max(largest, ss / n);
    }
    const epsilon = this.varSmoothing * largest;
    this.mean = mean;
    this.variance = [0, 1].map((k) =>
      Float64Array.from({ length: d }, (_, j) => scatter[k][j * d + j] / count[k] + epsilon)
    ) as [Float64Array, Float64Array];
    this.logPrior = [Math.log(count[0] / n), Math.log(count[1] / n)];
  }

  /** Log posterior odds of class 1 (the difference of the joint log-likelihoods). */
  logOdds(X: Matrix): Float64Array {
    if (!this.mean || !this.variance) throw new NotFittedError("GaussianNaiveBayes");
    const d = this.mean[0].length;
    checkColumns(X, d);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let odds = this.logPrior[1] - this.logPrior[0];
      for (let j = 0; j < d; j++) {
        const x = X.data[i * d + j];
        for (const k of [0, 1]) {
          const v = this.variance[k][j];
          const ll = -0.5 * Math.log(2 * Math.PI * v) - (x - this.mean[k][j]) ** 2 / (2 * v);
          odds += k === 1 ? ll : -ll;
        }
      }
      out[i] = odds;
    }
    return out;
  }

  predictProba(X: Matrix): Float64Array {
    return this.logOdds(X).map(sigmoid);
  }

  predict(X: Matrix): Uint8Array {
    return Uint8Array.from(this.logOdds(X), (v) => (v > 0 ? 1 : 0));
  }
}
