/**
 * Standardisation as a pipeline step: {@link StandardScaler} learns each feature's mean and
 * standard deviation on the training rows only, and {@link Standardized} wraps a classifier so that
 * `fit` fits the scaler on exactly the rows the classifier learns from — inside each
 * cross-validation fold, never on the test rows (scikit-learn's `make_pipeline(StandardScaler(), …)`).
 *
 * @example
 * ```ts
 * import { matrix } from "./matrix.ts";
 * import { StandardScaler } from "./standardize.ts";
 * const scaler = new StandardScaler().fit(matrix([[1, 10], [3, 10]]));
 * scaler.transform(matrix([[2, 10]])).data; // [0, 0] (a constant column keeps scale 1)
 * ```
 * @module
 */
import { type Classifier, NotFittedError } from "./estimator.ts";
import { checkColumns, type Labels, type Matrix } from "./matrix.ts";

/** z = (x − mean) / std per feature, std with divisor n (as scikit-learn); std 0 → scale 1. */
export class StandardScaler {
  /** Per-feature mean of the training rows. */
  mean: Float64Array | null = null;
  /** Per-feature scale: the population standard deviation, or 1 where it is 0. */
  scale: Float64Array | null = null;

  /** Learns the means and scales of `X`'s columns. */
  fit(X: Matrix): this {
    const { rows, cols, data } = X;
    const mean = new Float64Array(cols);
    const m2 = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) mean[j] += data[o + j];
    }
    for (let j = 0; j < cols; j++) mean[j] /= rows;
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) m2[j] += (data[o + j] - mean[j]) ** 2;
    }
    const scale = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      const sd = Math.sqrt(m2[j] / rows);
      // A column constant up to rounding would be blown up into noise; treat it as constant.
      scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mean[j])) ? sd : 1;
    }
    this.mean = mean;
    this.scale = scale;
    return this;
  }

  /** `X` standardised with the learnt means and scales, as a new matrix. */
  transform(X: Matrix): Matrix {
    if (!this.mean || !this.scale) throw new NotFittedError("StandardScaler");
    checkColumns(X, this.mean.length);
    const { rows, cols } = X;
    const out = new Float64Array(X.data.length);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) out[o + j] = (X.data[o + j] - this.mean[j]) / this.scale[j];
    }
    return { data: out, rows, cols };
  }
}

/** A classifier preceded by a {@link StandardScaler} fitted on the same training rows. */
export class Standardized implements Classifier {
  /** The scaler, fitted on the training rows by `fit`. */
  readonly scaler = new StandardScaler();
  predictProba?: (X: Matrix) => Float64Array;
  decisionFunction?: (X: Matrix) => Float64Array;

  /**
   * Wraps `model`, offering its probability and decision function when it has them.
   * @param model the classifier that sees standardised features.
   */
  constructor(readonly model: Classifier) {
    if (model.predictProba) {
      this.predictProba = (X) => this.model.predictProba!(this.scaler.transform(X));
    }
    if (model.decisionFunction) {
      this.decisionFunction = (X) => this.model.decisionFunction!(this.scaler.transform(X));
    }
  }

  /** Notes of the wrapped model's last fit. */
  get notes(): readonly string[] {
    return this.model.notes ?? [];
  }

  fit(X: Matrix, y: Labels): void {
    this.scaler.fit(X);
    this.model.fit(this.scaler.transform(X), y);
  }

  predict(X: Matrix): Uint8Array {
    return this.model.predict(this.scaler.transform(X));
  }
}
