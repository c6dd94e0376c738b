/**
 * Dense row-major matrices of float64 features and the small linear algebra the baselines need:
 * Cholesky factorisation and solves of the d × d systems (d = number of features, tens at most)
 * met in Newton steps and discriminant analysis.
 *
 * @example
 * ```ts
 * import { choleskySolve, matrix } from "./matrix.ts";
 * const X = matrix([[1, 2], [3, 4]]); // 2 rows × 2 columns
 * console.log(X.rows, X.cols, X.data[3]); // 2 2 4
 * choleskySolve(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2); // [0.5, 0]
 * ```
 * @module
 */

/** A rows × cols matrix stored row by row: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  /** The entries, row by row: `rows * cols` long. */
  readonly data: Float64Array;
  /** Number of rows (samples). */
  readonly rows: number;
  /** Number of columns (features). */
  readonly cols: number;
}

/** Binary labels, one per row: 0 or 1. */
export type Labels = Uint8Array;

/** Raised when shapes disagree or values cannot be used; says what was expected and found. */
export class ShapeError extends Error {
  /** Creates the error; `message` says what was expected and what was found. */
  constructor(message: string) {
    super(message);
    this.name = "ShapeError";
  }
}

/** Raised when a matrix that must be positive definite is not (e.g. a singular covariance). */
export class NotPositiveDefiniteError extends Error {
  /** Creates the error; `message` says where the factorisation failed (pivot and value). */
  constructor(message: string) {
    super(message);
    this.name = "NotPositiveDefiniteError";
  }
}

/**
 * Builds a {@link Matrix} from rows of numbers.
 *
 * @throws {ShapeError} when rows have different lengths.
 */
export function matrix(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) {
      throw new ShapeError(`expected ${cols} values in every row; row ${i} has ${row.length}`);
    }
    data.set(row, i * cols);
  });
  return { data, rows: rows.length, cols };
}

/** The rows of `X` listed in `index`, in that order, as a new matrix. */
export function takeRows(X: Matrix, index: ArrayLike<number>): Matrix {
  const { cols } = X;
  const data = new Float64Array(index.length * cols);
  for (let r = 0; r < index.length; r++) {
    const i = index[r];
    data.set(X.data.subarray(i * cols, (i + 1) * cols), r * cols);
  }
  return { data, rows: index.length, cols };
}

/** The entries of `y` listed in `index`, in that order. */
export function takeLabels(y: Labels, index: ArrayLike<number>): Labels {
  const out = new Uint8Array(index.length);
  for (let r = 0; r < index.length; r++) out[r] = y[index[r]];
  return out;
}

/**
 * Checks that `X` and `y` describe the same rows, that labels are 0/1 and that every feature is
 * finite.
 *
 * @throws {ShapeError} naming the first offending row.
 */
export function checkTrainingData(X: Matrix, y: Labels): void {
  if (X.data.length !== X.rows * X.cols) {
    throw new ShapeError(`expected ${X.rows} × ${X.cols} values; found ${X.data.length}`);
  }
  if (y.length !== X.rows) {
    throw new ShapeError(`X has ${X.rows} rows but y has ${y.length} labels`);
  }
  if (X.rows === 0) throw new ShapeError("expected at least one training row; found none");
  for (let i = 0; i < y.length; i++) {
    if (y[i] > 1) throw new ShapeError(`expected labels 0 or 1; found ${y[i]} at row ${i}`);
  }
  checkFinite(X);
}

/**
 * Checks that every entry of `X` is a finite number.
 *
 * @throws {ShapeError} when an entry of `X` is NaN or infinite, naming its row and column.
 */
function checkFinite(X: Matrix): void {
  const { data, cols } = X;
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      throw new ShapeError(
        `expected finite features; found ${data[k]} at row ${Math.floor(k / cols)}, column ${
          k % cols
        } (impute or drop missing values first)`,
      );
    }
  }
}

/**
 * Checks that `X` has the number of feature columns the model was fitted on.
 *
 * @throws {ShapeError} when `X` has another number of columns than the model was fitted on.
 */
export function checkColumns(X: Matrix, expected: number): void {
  if (X.cols !== expected) {
    throw new ShapeError(`expected ${expected} feature columns (as in fit); found ${X.cols}`);
  }
}

/** Number of rows labelled 1. */
export function countPositives(y: Labels): number {
  let n = 0;
  for (let i = 0; i < y.length; i++) n += y[i];
  return n;
}

/**
 * In-place Cholesky factorisation A = L Lᵀ of a symmetric positive definite n × n matrix stored
 * row-major; the lower triangle of `a` is overwritten by L (the upper triangle is left as is).
 *
 * @throws {NotPositiveDefiniteError} when a pivot is not positive.
 */
export function cholesky(a: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) {
      throw new NotPositiveDefiniteError(
        `expected a positive definite matrix; pivot ${j} is ${d}`,
      );
    }
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / ljj;
    }
  }
  return a;
}

/** Solves L Lᵀ x = b given the factor L (lower triangle of `l`); returns a new vector. */
export function choleskySolveFactored(
  l: Float64Array,
  b: ArrayLike<number>,
  n: number,
): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * x[k];
    x[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/**
 * Solves A x = b for a symmetric positive definite A (row-major n × n, not modified).
 *
 * @throws {NotPositiveDefiniteError} when A is not positive definite.
 */
export function choleskySolve(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array {
  return choleskySolveFactored(cholesky(Float64Array.from(a), n), b, n);
}

/** log det A from its Cholesky factor: 2 Σ log L_ii. */
export function logDetFromCholesky(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]);
  return 2 * s;
}

/** Result of {@link choleskyWithRidge}: the factor and the ridge that had to be added (0 if none). */
export interface RidgedFactor {
  /** The lower-triangular Cholesky factor L of A + λI, row-major n × n. */
  factor: Float64Array;
  /** The λ added to the diagonal; 0 when A was factorised as given. */
  ridge: number;
}

/**
 * Cholesky factor of A, adding a ridge λI (λ = 1e-10, 1e-9, … times the mean diagonal) when A is
 * singular or nearly so — a collinear or constant feature within a class, say. The ridge used is
 * returned so callers can report it.
 *
 * @throws {NotPositiveDefiniteError} when even a ridge of 1e-2 × the mean diagonal fails.
 */
export function choleskyWithRidge(a: ArrayLike<number>, n: number): RidgedFactor {
  try {
    return { factor: cholesky(Float64Array.from(a), n), ridge: 0 };
  } catch (error) {
    if (!(error instanceof NotPositiveDefiniteError)) throw error;
  }
  let trace = 0;
  for (let i = 0; i < n; i++) trace += a[i * n + i];
  const scale = trace > 0 ? trace / n : 1;
  for (let exponent = -10; exponent <= -2; exponent++) {
    const ridge = scale * 10 ** exponent;
    const copy = Float64Array.from(a);
    for (let i = 0; i < n; i++) copy[i * n + i] += ridge;
    try {
      return { factor: cholesky(copy, n), ridge };
    } catch (error) {
      if (!(error instanceof NotPositiveDefiniteError)) throw error;
    }
  }
  throw new NotPositiveDefiniteError(
    `expected a covariance that a ridge of 1e-2 × its mean variance makes positive definite; ` +
      `found none (mean variance ${scale})`,
  );
}
