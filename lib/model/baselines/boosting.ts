/**
 * Histogram gradient-boosted trees for binary classification, following scikit-learn's
 * `HistGradientBoostingClassifier()` defaults: features binned into at most 255 bins (quantile
 * edges), log loss, start at the log odds of the training share of class 1, 100 iterations at
 * learning rate 0.1, each tree grown leaf-wise (best gain first) to at most 31 leaves with at
 * least 20 rows per leaf and no L2 penalty; split gain G_L²/H_L + G_R²/H_R − G²/H with gradients
 * g = p − y and hessians h = p(1 − p). Early stopping as scikit-learn's `"auto"`: with more than
 * 10,000 training rows, a stratified 10 % is held out and boosting stops once the validation loss
 * has not improved by more than 1e-7 over 10 iterations.
 *
 * @example
 * ```ts
 * import { GradientBoosting } from "./boosting.ts";
 * import { matrix } from "./matrix.ts";
 * const gbt = new GradientBoosting({ iterations: 20, minSamplesLeaf: 1 });
 * gbt.fit(matrix([[0], [1], [2], [3]]), Uint8Array.of(0, 0, 1, 1));
 * gbt.predict(matrix([[2.8]])); // [1]
 * ```
 * @module
 */
import { binFeatures, type FeatureBins, fitBins } from "./binning.ts";
import { type Classifier, NotFittedError, requireBothClasses, sigmoid } from "./estimator.ts";
import { stratifiedHoldout } from "./sampling.ts";
import {
  checkColumns,
  checkTrainingData,
  countPositives,
  type Labels,
  type Matrix,
  takeLabels,
  takeRows,
} from "./matrix.ts";

/** Options of {@link GradientBoosting}; defaults are scikit-learn's. */
export interface GradientBoostingOptions {
  /** Most boosting iterations (trees); default 100. */
  iterations?: number;
  /** Shrinkage of every tree's values; default 0.1. */
  learningRate?: number;
  /** Most leaves per tree; default 31. */
  maxLeafNodes?: number;
  /** Fewest training rows per leaf; default 20. */
  minSamplesLeaf?: number;
  /** L2 penalty on leaf values; default 0. */
  l2Regularization?: number;
  /** Most bins per feature; default 255. */
  maxBins?: number;
  /** `"auto"` (default): on above 10,000 rows; or always / never. */
  earlyStopping?: "auto" | boolean;
  /** Share of training rows held out for early stopping; default 0.1. */
  validationFraction?: number;
  /** Iterations without improvement before stopping; default 10. */
  iterationsNoChange?: number;
  /** Seed of the validation hold-out; default 0. */
  seed?: number;
}

/**
 * One regression tree on the raw-score scale, as parallel arrays indexed by node (node 0 is the
 * root).
 */
export interface BoostedTree {
  /** Feature a node splits on; -1 for a leaf. */
  feature: Int32Array;
  /** Raw feature value: go left when x ≤ threshold. */
  threshold: Float64Array;
  /** Bin code: go left when code ≤ bin (for binned rows). */
  bin: Int32Array;
  /** Index of the left child (x ≤ threshold). */
  left: Int32Array;
  /** Index of the right child. */
  right: Int32Array;
  /** A leaf's contribution to the raw score (log-odds). */
  value: Float64Array;
}

interface Candidate {
  node: number;
  start: number;
  end: number;
  histogram: Float64Array;
  gradient: number;
  hessian: number;
  split: { feature: number; bin: number; gain: number } | null;
}

/** Boosted trees on log loss. */
export class GradientBoosting implements Classifier {
  /** The options with their defaults filled in. */
  readonly options: Required<GradientBoostingOptions>;
  /** The fitted trees, in boosting order; empty before fit. */
  trees: BoostedTree[] = [];
  /** The raw score every tree adds to: the log-odds of class 1 in the training rows. */
  baseline: number = 0;
  notes: string[] = [];
  #bins: FeatureBins[] = [];

  /**
   * A booster with the given iterations, learning rate, leaf limits and early stopping (each with a
   * default).
   */
  constructor(options: GradientBoostingOptions = {}) {
    this.options = {
      iterations: 100,
      learningRate: 0.1,
      maxLeafNodes: 31,
      minSamplesLeaf: 20,
      l2Regularization: 0,
      maxBins: 255,
      earlyStopping: "auto",
      validationFraction: 0.1,
      iterationsNoChange: 10,
      seed: 0,
      ...options,
    };
  }

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    requireBothClasses(y, "GradientBoosting");
    const o = this.options;
    const early = o.earlyStopping === "auto" ? X.rows > 10_000 : o.earlyStopping;
    let Xfit = X, yfit = y;
    let validation: { codes: Uint16Array; rows: number; y: Labels; raw: Float64Array } | null =
      null;
    const holdout = early ? stratifiedHoldout(y, o.validationFraction, o.seed) : null;
    if (holdout) {
      Xfit = takeRows(X, holdout.train);
      yfit = takeLabels(y, holdout.train);
    }
    this.#bins = fitBins(Xfit, { maxBins: o.maxBins });
    const n = Xfit.rows, d = Xfit.cols;
    const codes = binFeatures(Xfit, this.#bins);
    const share = Math.min(Math.max(countPositives(yfit) / n, 1e-15), 1 - 1e-15);
    this.baseline = Math.log(share / (1 - share));
    if (holdout) {
      const Xv = takeRows(X, holdout.test);
      validation = {
        codes: binFeatures(Xv, this.#bins),
        rows: Xv.rows,
        y: takeLabels(y, holdout.test),
        raw: new Float64Array(Xv.rows).fill(this.baseline),
      };
    }
    const raw = new Float64Array(n).fill(this.baseline);
    const g = new Float64Array(n), h = new Float64Array(n);
    const scores: number[] = [];
    if (validation) scores.push(-logLoss(validation.y, validation.raw));
    this.trees = [];
    this.notes = [];
    for (let iteration = 0; iteration < o.iterations; iteration++) {
      for (let i = 0; i < n; i++) {
        const p = sigmoid(raw[i]);
        g[i] = p - yfit[i];
        h[i] = p * (1 - p);
      }
      const tree = this.#growTree(codes, n, d, g, h, raw);
      this.trees.push(tree);
      if (validation) {
        addBinnedTree(tree, validation.codes, validation.rows, validation.raw);
        scores.push(-logLoss(validation.y, validation.raw));
        if (shouldStop(scores, o.iterationsNoChange, 1e-7)) {
          this.notes.push(
            `GradientBoosting: early stop after ${iteration + 1} iterations (validation loss ` +
              `on a 10 % hold-out of the training rows)`,
          );
          break;
        }
      }
    }
  }

  /** Grows one tree leaf-wise and adds its values to `raw` for the training rows. */
  #growTree(
    codes: Uint16Array,
    n: number,
    d: number,
    g: Float64Array,
    h: Float64Array,
    raw: Float64Array,
  ): BoostedTree {
    const o = this.options;
    const B = o.maxBins + 1;
    const samples = Int32Array.from({ length: n }, (_, i) => i);
    const nodes = {
      feature: [] as number[],
      threshold: [] as number[],
      bin: [] as number[],
      left: [] as number[],
      right: [] as number[],
      value: [] as number[],
    };
    const newNode = () => {
      nodes.feature.push(-1);
      nodes.threshold.push(NaN);
      nodes.bin.push(-1);
      nodes.left.push(-1);
      nodes.right.push(-1);
      nodes.value.push(0);
      return nodes.feature.length - 1;
    };
    const histogramOf = (start: number, end: number) => {
      const hist = new Float64Array(d * B * 3);
      for (let f = 0; f < d; f++) {
        const offset = f * n, base = f * B * 3;
        for (let k = start; k < end; k++) {
          const i = samples[k];
          const at = base + codes[offset + i] * 3;
          hist[at] += g[i];
          hist[at + 1] += h[i];
          hist[at + 2]++;
        }
      }
      return hist;
    };
    const candidate = (
      node: number,
      start: number,
      end: number,
      histogram: Float64Array,
    ): Candidate => {
      let G = 0, H = 0;
      for (let b = 0; b < B; b++) {
        G += histogram[b * 3];
        H += histogram[b * 3 + 1];
      }
      const c: Candidate = { node, start, end, histogram, gradient: G, hessian: H, split: null };
      if (end - start >= 2 * o.minSamplesLeaf) c.split = this.#bestSplit(c, d, B);
      return c;
    };
    const open: Candidate[] = [candidate(newNode(), 0, n, histogramOf(0, n))];
    while (open.length > 0) {
      if (open.length >= o.maxLeafNodes) break;
      let best = -1;
      for (let k = 0; k < open.length; k++) {
        const s = open[k].split;
        if (s && (best < 0 || s.gain > open[best].split!.gain)) best = k;
      }
      if (best < 0) break;
      const parent = open.splice(best, 1)[0];
      const { feature, bin } = parent.split!;
      const offset = feature * n;
      let i = parent.start, j = parent.end - 1;
      while (i <= j) {
        if (codes[offset + samples[i]] <= bin) i++;
        else {
          const tmp = samples[i];
          samples[i] = samples[j];
          samples[j] = tmp;
          j--;
        }
      }
      const l = newNode(), r = newNode();
      nodes.feature[parent.node] = feature;
      nodes.bin[parent.node] = bin;
      nodes.threshold[parent.node] = this.#bins[feature].edges[bin];
      nodes.left[parent.node] = l;
      nodes.right[parent.node] = r;
      const leftSmaller = i - parent.start <= parent.end - i;
      const small = leftSmaller ? histogramOf(parent.start, i) : histogramOf(i, parent.end);
      const large = parent.histogram;
      for (let k = 0; k < large.length; k++) large[k] -= small[k];
      const [lh, rh] = leftSmaller ? [small, large] : [large, small];
      open.push(candidate(l, parent.start, i, lh), candidate(r, i, parent.end, rh));
    }
    for (const leaf of open) {
      const value = -o.learningRate * leaf.gradient / (leaf.hessian + o.l2Regularization);
      nodes.value[leaf.node] = value;
      for (let k = leaf.start; k < leaf.end; k++) raw[samples[k]] += value;
    }
    return {
      feature: Int32Array.from(nodes.feature),
      threshold: Float64Array.from(nodes.threshold),
      bin: Int32Array.from(nodes.bin),
      left: Int32Array.from(nodes.left),
      right: Int32Array.from(nodes.right),
      value: Float64Array.from(nodes.value),
    };
  }

  #bestSplit(c: Candidate, d: number, B: number): Candidate["split"] {
    const { minSamplesLeaf, l2Regularization: lambda } = this.options;
    const minHessian = 1e-3;
    const n = c.end - c.start;
    const parentScore = c.gradient ** 2 / (c.hessian + lambda);
    let best: Candidate["split"] = null;
    const hist = c.histogram;
    for (let f = 0; f < d; f++) {
      const base = f * B * 3;
      const bins = this.#bins[f].edges.length + 1;
      let GL = 0, HL = 0, NL = 0;
      for (let b = 0; b < bins - 1; b++) {
        GL += hist[base + b * 3];
        HL += hist[base + b * 3 + 1];
        NL += hist[base + b * 3 + 2];
        const NR = n - NL;
        if (NL < minSamplesLeaf) continue;
        if (NR < minSamplesLeaf) break;
        const HR = c.hessian - HL;
        if (HL < minHessian || HR < minHessian) continue;
        const GR = c.gradient - GL;
        const gain = GL * GL / (HL + lambda) + GR * GR / (HR + lambda) - parentScore;
        if (gain > 0 && (best === null || gain > best.gain)) best = { feature: f, bin: b, gain };
      }
    }
    return best;
  }

  /** Raw score (log odds of class 1): baseline plus every tree's value. */
  decisionFunction(X: Matrix): Float64Array {
    if (this.trees.length === 0) throw new NotFittedError("GradientBoosting");
    checkColumns(X, this.#bins.length);
    const { rows, cols, data } = X;
    const out = new Float64Array(rows).fill(this.baseline);
    for (const t of this.trees) {
      for (let i = 0; i < rows; i++) {
        let node = 0;
        while (t.feature[node] >= 0) {
          node = data[i * cols + t.feature[node]] <= t.threshold[node]
            ? t.left[node]
            : t.right[node];
        }
        out[i] += t.value[node];
      }
    }
    return out;
  }

  predictProba(X: Matrix): Float64Array {
    return this.decisionFunction(X).map(sigmoid);
  }

  predict(X: Matrix): Uint8Array {
    return Uint8Array.from(this.decisionFunction(X), (v) => (v > 0 ? 1 : 0));
  }
}

function addBinnedTree(tree: BoostedTree, codes: Uint16Array, rows: number, out: Float64Array) {
  for (let i = 0; i < rows; i++) {
    let node = 0;
    while (tree.feature[node] >= 0) {
      node = codes[tree.feature[node] * rows + i] <= tree.bin[node]
        ? tree.left[node]
        : tree.right[node];
    }
    out[i] += tree.value[node];
  }
}

/** Mean log loss of raw scores (log odds). */
function logLoss(y: Labels, raw: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const m = y[i] === 1 ? raw[i] : -raw[i];
    s += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
  }
  return s / y.length;
}

/**
 * scikit-learn's rule: stop when none of the last `patience` scores beats the score `patience`
 * iterations before them by more than `tol` (scores: higher is better, the first one before any
 * tree).
 */
export function shouldStop(scores: readonly number[], patience: number, tol: number): boolean {
  if (scores.length < patience + 1) return false;
  const reference = scores[scores.length - patience - 1] + tol;
  return !scores.slice(-patience).some((s) => s > reference);
}
