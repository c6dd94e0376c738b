/**
 * Support vector machine with a Gaussian (RBF) kernel, as scikit-learn's
 * `SVC(C=1.0, kernel="rbf", gamma="scale")`: K(x, z) = exp(−γ‖x − z‖²) with
 * γ = 1 / (d · Var(X)) over all entries of the training matrix, solved by SMO with libsvm's
 * second-order working-set selection (Fan, Chen & Lin, JMLR 2005), stopping tolerance 1e-3, and a
 * least-recently-used cache of kernel rows in single precision, as libsvm. The intercept is
 * libsvm's: the mean of yᵢ∇ᵢ over free support vectors.
 *
 * Why our own solver: libsvm-js, the emscripten build of libsvm on npm, does not load under
 * Deno 2 (it takes Deno for a browser and reads `window`). The algorithm here is libsvm's
 * `Solver` without shrinking; its tests check it against hand-solvable problems and the optimality
 * conditions.
 *
 * Training cost grows with the square of the rows. `maxTrainingRows` caps it: above the cap the
 * model learns from a stratified random subset of that size, and says so in `notes`.
 *
 * @example
 * ```ts
 * import { RbfSVM } from "./rbf_svm.ts";
 * import { matrix } from "./matrix.ts";
 * const svm = new RbfSVM({ C: 10 });
 * svm.fit(matrix([[0, 0], [1, 1], [0, 1], [1, 0]]), Uint8Array.of(0, 0, 1, 1)); // XOR
 * svm.predict(matrix([[0.9, 0.1]])); // [1]
 * ```
 * @module
 */
import { type Classifier, NotFittedError, requireBothClasses } from "./estimator.ts";
import { stratifiedSubset } from "./sampling.ts";
import { checkColumns, checkTrainingData, takeLabels, takeRows } from "./matrix.ts";
import type { Labels, Matrix } from "./matrix.ts";

/** Options of {@link RbfSVM}. */
export interface RbfSVMOptions {
  /** Penalty of margin violations; default 1. */
  C?: number;
  /** Kernel width γ, or `"scale"` (default): 1 / (d · variance of the training entries). */
  gamma?: number | "scale";
  /** Stopping tolerance on the KKT violation; default 1e-3 (libsvm's). */
  tolerance?: number;
  /** Kernel-row cache in MiB; default 256. */
  cacheMiB?: number;
  /** Learn from at most this many rows (stratified random subset); default Infinity. */
  maxTrainingRows?: number;
  /** Seed of that subset; default 0. */
  seed?: number;
}

const TAU = 1e-12;

/** C-SVC with the RBF kernel. */
export class RbfSVM implements Classifier {
  /** Penalty of margin violations (scikit-learn's `C`). */
  readonly C: number;
  /** The options given. */
  readonly options: RbfSVMOptions;
  /** γ used by the last fit. */
  gamma: number = NaN;
  /** Support vectors (rows × features) and their coefficients αᵢyᵢ. */
  supportVectors: Matrix | null = null;
  /** The coefficients αᵢyᵢ of the support vectors; null before fit. */
  dualCoef: Float64Array | null = null;
  /** The decision function's offset: f(x) = Σ αᵢyᵢ K(xᵢ, x) − ρ. */
  rho = 0;
  /** SMO iterations of the last fit. */
  iterations = 0;
  notes: string[] = [];

  /** A classifier with penalty `options.C` (default 1). */
  constructor(options: RbfSVMOptions = {}) {
    this.C = options.C ?? 1;
    this.options = options;
    if (!(this.C > 0)) throw new RangeError(`expected C > 0; found ${this.C}`);
  }

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    requireBothClasses(y, "RbfSVM");
    this.notes = [];
    const cap = this.options.maxTrainingRows ?? Infinity;
    if (X.rows > cap) {
      const subset = stratifiedSubset(y, cap, this.options.seed ?? 0);
      this.notes.push(
        `RBF SVM: trained on a stratified random ${subset.length.toLocaleString("en")} of ` +
          `${X.rows.toLocaleString("en")} training rows (kernel cost grows as n²)`,
      );
      X = takeRows(X, subset);
      y = takeLabels(y, subset);
    }
    const { rows: n, cols: d, data } = X;
    this.gamma = this.options.gamma === undefined || this.options.gamma === "scale"
      ? scaleGamma(X)
      : this.options.gamma;
    const gamma = this.gamma;
    const sign = Float64Array.from(y, (v) => (v === 1 ? 1 : -1));
    const norms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += data[i * d + j] ** 2;
      norms[i] = s;
    }
    const cacheRows = Math.max(
      2,
      Math.floor(((this.options.cacheMiB ?? 256) * 1024 * 1024) / (4 * n)),
    );
    const cache = new Map<number, Float32Array>();
    /** Row i of Q: Q_it = yᵢ yₜ K(xᵢ, xₜ), cached. */
    const qRow = (i: number): Float32Array => {
      const hit = cache.get(i);
      if (hit) {
        cache.delete(i);
        cache.set(i, hit);
        return hit;
      }
      const row = new Float32Array(n);
      const io = i * d;
      for (let t = 0; t < n; t++) {
        let dot = 0;
        const to = t * d;
        for (let j = 0; j < d; j++) dot += data[io + j] * data[to + j];
        const dist = Math.max(norms[i] + norms[t] - 2 * dot, 0);
        row[t] = sign[i] * sign[t] * Math.exp(-gamma * dist);
      }
      if (cache.size >= cacheRows) cache.delete(cache.keys().next().value!);
      cache.set(i, row);
      return row;
    };
    const C = this.C, eps = this.options.tolerance ?? 1e-3;
    const alpha = new Float64Array(n);
    const G = new Float64Array(n).fill(-1);
    const maxIterations = Math.max(10_000_000, 100 * n);
    let iteration = 0;
    for (; iteration < maxIterations; iteration++) {
      // Working set: i maximises −yₜ∇ₜ over I_up; j gives the largest second-order decrease.
      let gmax = -Infinity, gmax2 = -Infinity, i = -1, j = -1, best = Infinity;
      for (let t = 0; t < n; t++) {
        if (sign[t] === 1) {
          if (alpha[t] < C && -G[t] >= gmax) {
            gmax = -G[t];
            i = t;
          }
        } else if (alpha[t] > 0 && G[t] >= gmax) {
          gmax = G[t];
          i = t;
        }
      }
      if (i < 0) break;
      const Qi = qRow(i);
      for (let t = 0; t < n; t++) {
        let gradDiff: number, quad: number;
        if (sign[t] === 1) {
          if (!(alpha[t] > 0)) continue;
          if (G[t] >= gmax2) gmax2 = G[t];
          gradDiff = gmax + G[t];
          quad = 2 - 2 * sign[i] * Qi[t];
        } else {
          if (!(alpha[t] < C)) continue;
          if (-G[t] >= gmax2) gmax2 = -G[t];
          gradDiff = gmax - G[t];
          quad = 2 + 2 * sign[i] * Qi[t];
        }
        if (gradDiff > 0) {
          const decrease = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
          if (decrease <= best) {
            best = decrease;
            j = t;
          }
        }
      }
      if (gmax + gmax2 < eps || j < 0) break;
      const Qj = qRow(j);
      const oldI = alpha[i], oldJ = alpha[j];
      if (sign[i] !== sign[j]) {
        let quad = 2 + 2 * Qi[j];
        if (quad <= 0) quad = TAU;
        const delta = (-G[i] - G[j]) / quad;
        const diff = alpha[i] - alpha[j];
        alpha[i] += delta;
        alpha[j] += delta;
        if (diff > 0) {
          if (alpha[j] < 0) {
            alpha[j] = 0;
            alpha[i] = diff;
          }
        } else if (alpha[i] < 0) {
          alpha[i] = 0;
          alpha[j] = -diff;
        }
        if (diff > 0) {
          if (alpha[i] > C) {
            alpha[i] = C;
            alpha[j] = C - diff;
          }
        } else if (alpha[j] > C) {
          alpha[j] = C;
          alpha[i] = C + diff;
        }
      } else {
        let quad = 2 - 2 * Qi[j];
        if (quad <= 0) quad = TAU;
        const delta = (G[i] - G[j]) / quad;
        const sum = alpha[i] + alpha[j];
        alpha[i] -= delta;
        alpha[j] += delta;
        if (sum > C) {
          if (alpha[i] > C) {
            alpha[i] = C;
            alpha[j] = sum - C;
          }
          if (alpha[j] > C) {
            alpha[j] = C;
            alpha[i] = sum - C;
          }
        } else {
          if (alpha[j] < 0) {
            alpha[j] = 0;
            alpha[i] = sum;
          }
          if (alpha[i] < 0) {
            alpha[i] = 0;
            alpha[j] = sum;
          }
        }
      }
      const dI = alpha[i] - oldI, dJ = alpha[j] - oldJ;
      for (let t = 0; t < n; t++) G[t] += Qi[t] * dI + Qj[t] * dJ;
    }
    this.iterations = iteration;
    if (iteration >= maxIterations) {
      this.notes.push(`RBF SVM: stopped at the iteration limit (${maxIterations})`);
    }
    this.rho = intercept(alpha, G, sign, C);
    const support: number[] = [];
    for (let t = 0; t < n; t++) if (alpha[t] > 0) support.push(t);
    this.supportVectors = takeRows(X, support);
    this.dualCoef = Float64Array.from(support, (t) => alpha[t] * sign[t]);
  }

  /** Σ αᵢyᵢK(xᵢ, x) − ρ per row; positive → class 1. */
  decisionFunction(X: Matrix): Float64Array {
    const sv = this.supportVectors, coef = this.dualCoef;
    if (!sv || !coef) throw new NotFittedError("RbfSVM");
    checkColumns(X, sv.cols);
    const d = sv.cols, m = sv.rows, gamma = this.gamma;
    const svNorm = new Float64Array(m);
    for (let s = 0; s < m; s++) {
      let v = 0;
      for (let j = 0; j < d; j++) v += sv.data[s * d + j] ** 2;
      svNorm[s] = v;
    }
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      const io = i * d;
      let xn = 0;
      for (let j = 0; j < d; j++) xn += X.data[io + j] ** 2;
      let f = -this.rho;
      for (let s = 0; s < m; s++) {
        let dot = 0;
        const so = s * d;
        for (let j = 0; j < d; j++) dot += X.data[io + j] * sv.data[so + j];
        f += coef[s] * Math.exp(-gamma * Math.max(xn + svNorm[s] - 2 * dot, 0));
      }
      out[i] = f;
    }
    return out;
  }

  predict(X: Matrix): Uint8Array {
    return Uint8Array.from(this.decisionFunction(X), (v) => (v > 0 ? 1 : 0));
  }
}

/** scikit-learn's `gamma="scale"`: 1 / (d · variance of all entries); 1 when that is 0. */
export function scaleGamma(X: Matrix): number {
  let sum = 0, sq = 0;
  for (const v of X.data) {
    sum += v;
    sq += v * v;
  }
  const count = X.data.length;
  const variance = sq / count - (sum / count) ** 2;
  return variance > 0 ? 1 / (X.cols * variance) : 1;
}

/** libsvm's ρ: the mean of yᵢ∇ᵢ over free αᵢ, or the middle of its feasible interval. */
function intercept(alpha: Float64Array, G: Float64Array, sign: Float64Array, C: number): number {
  let ub = Infinity, lb = -Infinity, free = 0, sumFree = 0;
  for (let t = 0; t < alpha.length; t++) {
    const yG = sign[t] * G[t];
    if (alpha[t] >= C) {
      if (sign[t] === -1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (alpha[t] <= 0) {
      if (sign[t] === 1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      free++;
      sumFree += yG;
    }
  }
  return free > 0 ? sumFree / free : (ub + lb) / 2;
}
