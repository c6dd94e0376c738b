/**
 * The skeleton the linear classifiers share ({@link LinearClassifier}): a score w·x + b per row,
 * fitted by Newton's method on C·Σᵢ loss(mᵢ, yᵢ) + ½‖w‖² (+ ½b² where the intercept is
 * penalised). Each model brings only its loss of the margin m = w·x + b (./logistic.ts: the log
 * loss; ./linear_svm.ts: the squared hinge); the gradient and Hessian over the weights and the
 * intercept are accumulated here, once.
 *
 * @example
 * ```ts
 * import { fitMarginLoss } from "./linear.ts";
 * import { matrix } from "./matrix.ts";
 * const { coef, intercept } = fitMarginLoss(matrix([[-1], [1]]), Uint8Array.of(0, 1), {
 *   name: "least squares", C: 1, maxIterations: 50, penaliseIntercept: false,
 *   loss: (m, y) => ({ loss: (m - y) ** 2, slope: 2 * (m - y), curvature: 2 }),
 * });
 * ```
 * @module
 */
import { type Classifier, NotFittedError, requireBothClasses } from "./estimator.ts";
import { checkColumns, checkTrainingData, type Labels, type Matrix } from "./matrix.ts";
import { newtonMinimize } from "./newton.ts";

/**
 * One row's loss as a function of its margin m = w·x + b and its label y (0 or 1), with the
 * first (`slope`) and second (`curvature`) derivatives in m, the last two already multiplied by
 * C; `null` where the row adds nothing (outside the SVM's margin).
 */
export type MarginLoss = (
  margin: number,
  label: number,
  C: number,
) => { loss: number; slope: number; curvature: number } | null;

/** Options of {@link fitMarginLoss}. */
export interface MarginFitOptions {
  /** The model's name, for the note when Newton stops early. */
  name: string;
  /** Weight of the summed loss against ½‖w‖². */
  C: number;
  /** Most Newton steps. */
  maxIterations: number;
  /** The loss of one row's margin. */
  loss: MarginLoss;
  /** Whether ½b² joins the penalty (liblinear's SVM) or the intercept is free (lbfgs). */
  penaliseIntercept: boolean;
  /** Curvature added on the intercept after accumulation, to keep the system solvable; 0. */
  interceptCurvature?: number;
}

/** Weights, intercept and the notes of a fit. */
export interface LinearFit {
  /** Weights, one per feature. */
  coef: Float64Array;
  /** The intercept b. */
  intercept: number;
  /** A note when Newton stopped before converging; empty otherwise. */
  notes: string[];
}

/** Minimises C Σᵢ loss(w·xᵢ + b, yᵢ) + ½‖w‖² (+ ½b²) by Newton's method from zero. */
export function fitMarginLoss(X: Matrix, y: Labels, options: MarginFitOptions): LinearFit {
  const { rows, cols, data } = X;
  const d = cols + 1; // weights, then the intercept
  const { C, loss: rowLoss } = options;
  const penalised = options.penaliseIntercept ? d : cols;
  const evaluate = (w: Float64Array) => {
    const gradient = new Float64Array(d);
    const hessian = new Float64Array(d * d);
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      let m = w[cols];
      for (let j = 0; j < cols; j++) m += w[j] * data[o + j];
      const term = rowLoss(m, y[i], C);
      if (term === null) continue;
      loss += term.loss;
      const r = term.slope, h = term.curvature;
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
    for (let j = 0; j < penalised; j++) {
      penalty += w[j] * w[j];
      gradient[j] += w[j];
      hessian[j * d + j] += 1;
    }
    symmetrise(hessian, d, cols);
    if (options.interceptCurvature) hessian[cols * d + cols] += options.interceptCurvature;
    return { value: C * loss + penalty / 2, gradient, hessian };
  };
  const result = newtonMinimize(evaluate, new Float64Array(d), {
    maxIterations: options.maxIterations,
  });
  return {
    coef: result.w.slice(0, cols),
    intercept: result.w[cols],
    notes: result.converged
      ? []
      : [`${options.name}: Newton stopped after ${result.iterations} steps before converging`],
  };
}

/** Options of a {@link LinearClassifier}. */
export interface LinearClassifierOptions {
  /** Weight of the loss against the penalty (larger = less shrinkage); default 1 (scikit-learn's). */
  C?: number;
  /** Most Newton steps; default 100. */
  maxIterations?: number;
}

/**
 * A linear binary classifier fitted by {@link fitMarginLoss}: `decisionFunction` is w·x + b and
 * `predict` its sign. A subclass states its loss and whether the intercept is penalised.
 */
export abstract class LinearClassifier implements Classifier {
  /** Weight of the loss against the penalty. */
  readonly C: number;
  /** Most Newton steps. */
  readonly maxIterations: number;
  /** Weights, one per feature, once fitted. */
  coef: Float64Array | null = null;
  /** The intercept b, once fitted. */
  intercept = 0;
  /** A note when the last fit stopped before converging; empty otherwise. */
  notes: string[] = [];
  /** The model's name in messages. */
  protected abstract readonly name: string;
  /** How the model is fitted, beside C and the step limit. */
  protected abstract readonly objective: Pick<
    MarginFitOptions,
    "loss" | "penaliseIntercept" | "interceptCurvature"
  >;

  /** A model with `C` (default 1) and at most `maxIterations` Newton steps (default 100). */
  constructor(options: LinearClassifierOptions = {}) {
    this.C = options.C ?? 1;
    this.maxIterations = options.maxIterations ?? 100;
    if (!(this.C > 0)) throw new RangeError(`expected C > 0; found ${this.C}`);
  }

  /** Fits w and b on rows `X` and their 0/1 labels `y` (both classes needed). */
  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    requireBothClasses(y, this.name);
    const fit = fitMarginLoss(X, y, {
      name: this.name,
      C: this.C,
      maxIterations: this.maxIterations,
      ...this.objective,
    });
    this.coef = fit.coef;
    this.intercept = fit.intercept;
    this.notes = fit.notes;
  }

  /** The margin w·x + b of each row; positive means class 1. */
  decisionFunction(X: Matrix): Float64Array {
    if (!this.coef) throw new NotFittedError(this.name);
    return linearScores(X, this.coef, this.intercept);
  }

  /** 1 where the margin is positive, else 0. */
  predict(X: Matrix): Uint8Array {
    return Uint8Array.from(this.decisionFunction(X), (v) => (v > 0 ? 1 : 0));
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
