/**
 * Classification trees (CART, Gini impurity), grown depth-first on binned features (./binning.ts):
 * the engine of {@link DecisionTree} and of the random forest. At each node the features are
 * visited in a seeded random order until `maxFeatures` non-constant ones have been searched; the
 * best split maximises the decrease in weighted Gini impurity (scikit-learn's criterion), and only
 * a strictly better split replaces the best so far. A node's best split on one feature is found
 * from a class histogram over its bins, or by sorting its codes when it holds far fewer rows than
 * the feature has bins.
 *
 * @example
 * ```ts
 * import { DecisionTree } from "./tree.ts";
 * import { matrix } from "./matrix.ts";
 * const tree = new DecisionTree({ maxDepth: 2 });
 * tree.fit(matrix([[1], [2], [3], [4]]), Uint8Array.of(0, 0, 1, 1));
 * tree.predict(matrix([[3.2]])); // [1]; the threshold is 2.5, halfway between 2 and 3
 * ```
 * @module
 */
import { Rng } from "../../data/random.ts";
import { binFeatures, type FeatureBins, fitBins } from "./binning.ts";
import { type Classifier, NotFittedError } from "./estimator.ts";
import { checkColumns, checkTrainingData, type Labels, type Matrix } from "./matrix.ts";

/** Growth limits of a tree. */
export interface TreeGrowthOptions {
  /** Deepest level (root = 0); default Infinity (grow until leaves are pure). */
  maxDepth?: number;
  /** Fewest rows a node needs to be split; default 2. */
  minSamplesSplit?: number;
  /** Fewest rows on each side of a split; default 1. */
  minSamplesLeaf?: number;
  /** Non-constant features searched per node; default all. */
  maxFeatures?: number;
}

/** A fitted tree as flat arrays; leaves have feature −1. */
export interface FittedTree {
  /** Feature a node splits on; −1 for a leaf. */
  feature: Int32Array;
  /** Go left when x[feature] ≤ threshold. */
  threshold: Float64Array;
  /** Index of the left child (x[feature] ≤ threshold). */
  left: Int32Array;
  /** Index of the right child. */
  right: Int32Array;
  /** Share of class 1 among the training rows that reached the node. */
  value: Float64Array;
}

/** Training rows binned once, shared by every tree grown on them. */
export interface BinnedTrainingSet {
  /** Column-major codes (see ./binning.ts). */
  codes: Uint16Array;
  /** Training rows. */
  rows: number;
  /** Features. */
  cols: number;
  /** Each feature's bin edges. */
  bins: FeatureBins[];
  /** The training labels, one per row. */
  y: Labels;
}

/** Bins the training rows (see {@link fitBins}) for {@link growTree}. */
export function binTrainingSet(X: Matrix, y: Labels, maxBins = Infinity): BinnedTrainingSet {
  const bins = fitBins(X, { maxBins });
  return { codes: binFeatures(X, bins), rows: X.rows, cols: X.cols, bins, y };
}

interface Split {
  feature: number;
  /** Rows with code ≤ bin go left. */
  bin: number;
  threshold: number;
}

/**
 * Grows one tree on the rows listed in `samples` (repeats allowed: a bootstrap sample lists a row
 * as often as it was drawn).
 *
 * @param data binned training rows
 * @param samples row indices to learn from; reordered in place
 * @param rng source of the feature order at each node
 */
export function growTree(
  data: BinnedTrainingSet,
  samples: Int32Array,
  options: TreeGrowthOptions,
  rng: Rng,
): FittedTree {
  const maxDepth = options.maxDepth ?? Infinity;
  const minSplit = Math.max(options.minSamplesSplit ?? 2, 2);
  const minLeaf = Math.max(options.minSamplesLeaf ?? 1, 1);
  const maxFeatures = Math.min(options.maxFeatures ?? data.cols, data.cols);
  const { codes, rows, cols, bins, y } = data;
  let widest = 0;
  for (const b of bins) widest = Math.max(widest, b.edges.length + 1);
  const hist0 = new Float64Array(widest), hist1 = new Float64Array(widest);
  const keys = new Uint32Array(samples.length);
  const order = Int32Array.from({ length: cols }, (_, j) => j);

  const feature: number[] = [],
    threshold: number[] = [],
    left: number[] = [],
    right: number[] = [],
    value: number[] = [];
  const newNode = (share: number) => {
    feature.push(-1);
    threshold.push(NaN);
    left.push(-1);
    right.push(-1);
    value.push(share);
    return feature.length - 1;
  };

  /** Best split of rows [start, end) on feature f, if better than `best`. */
  const searchFeature = (
    f: number,
    start: number,
    end: number,
    n: number,
    n1: number,
    best: { proxy: number; split: Split | null },
  ): boolean => {
    const offset = f * rows;
    let lo = 65_535, hi = 0;
    for (let k = start; k < end; k++) {
      const c = codes[offset + samples[k]];
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
    if (lo === hi) return false; // constant in this node
    const n0 = n - n1;
    let l0 = 0, l1 = 0, prev = -1;
    const consider = (at: number) => {
      const nl = l0 + l1, nr = n - nl;
      if (nl < minLeaf || nr < minLeaf) return;
      const r0 = n0 - l0, r1 = n1 - l1;
      const proxy = (l0 * l0 + l1 * l1) / nl + (r0 * r0 + r1 * r1) / nr;
      if (proxy > best.proxy) {
        const fb = bins[f];
        best.proxy = proxy;
        best.split = {
          feature: f,
          bin: prev,
          threshold: fb.exact ? (fb.values[prev] + fb.values[at]) / 2 : fb.edges[prev],
        };
      }
    };
    if (hi - lo + 1 <= 2 * n) {
      for (let k = start; k < end; k++) {
        const i = samples[k];
        if (y[i] === 1) hist1[codes[offset + i]]++;
        else hist0[codes[offset + i]]++;
      }
      for (let b = lo; b <= hi; b++) {
        const c0 = hist0[b], c1 = hist1[b];
        if (c0 + c1 === 0) continue;
        hist0[b] = 0;
        hist1[b] = 0;
        if (prev >= 0) consider(b);
        l0 += c0;
        l1 += c1;
        prev = b;
      }
    } else {
      for (let k = start; k < end; k++) {
        const i = samples[k];
        keys[k - start] = codes[offset + i] * 2 + y[i];
      }
      const sorted = keys.subarray(0, n).sort();
      for (let k = 0; k < n;) {
        const b = sorted[k] >>> 1;
        let c0 = 0, c1 = 0;
        while (k < n && sorted[k] >>> 1 === b) {
          if (sorted[k] & 1) c1++;
          else c0++;
          k++;
        }
        if (prev >= 0) consider(b);
        l0 += c0;
        l1 += c1;
        prev = b;
      }
    }
    return true;
  };

  const root = newNode(NaN);
  const stack: [number, number, number, number][] = [[0, samples.length, 0, root]];
  while (stack.length > 0) {
    const [start, end, depth, node] = stack.pop()!;
    const n = end - start;
    let n1 = 0;
    for (let k = start; k < end; k++) n1 += y[samples[k]];
    value[node] = n1 / n;
    if (depth >= maxDepth || n < minSplit || n < 2 * minLeaf || n1 === 0 || n1 === n) continue;
    const best = { proxy: -Infinity, split: null as Split | null };
    let searched = 0;
    for (let t = 0; t < cols && searched < maxFeatures; t++) {
      const pick = t + Math.floor(rng.next() * (cols - t));
      const f = order[pick];
      order[pick] = order[t];
      order[t] = f;
      if (searchFeature(f, start, end, n, n1, best)) searched++;
    }
    const split = best.split;
    if (split === null) continue;
    // Partition: rows with code ≤ bin first.
    const offset = split.feature * rows;
    let i = start, j = end - 1;
    while (i <= j) {
      if (codes[offset + samples[i]] <= split.bin) i++;
      else {
        const tmp = samples[i];
        samples[i] = samples[j];
        samples[j] = tmp;
        j--;
      }
    }
    feature[node] = split.feature;
    threshold[node] = split.threshold;
    const l = newNode(NaN), r = newNode(NaN);
    left[node] = l;
    right[node] = r;
    stack.push([i, end, depth + 1, r], [start, i, depth + 1, l]);
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

/** The leaf value reached by each row of `X` (raw feature values), added into `out`. */
export function addTreeValues(tree: FittedTree, X: Matrix, out: Float64Array): void {
  const { rows, cols, data } = X;
  const { feature, threshold, left, right, value } = tree;
  for (let i = 0; i < rows; i++) {
    let node = 0;
    while (feature[node] >= 0) {
      node = data[i * cols + feature[node]] <= threshold[node] ? left[node] : right[node];
    }
    out[i] += value[node];
  }
}

/** Options of {@link DecisionTree}. */
export interface DecisionTreeOptions extends TreeGrowthOptions {
  /** Seed of the feature order at each node (matters only for ties); default 0. */
  seed?: number;
}

/**
 * One CART tree with exact thresholds (scikit-learn's `DecisionTreeClassifier`, Gini). The
 * comparison uses `maxDepth: 8`; unlimited depth memorises the training rows.
 */
export class DecisionTree implements Classifier {
  /** The options given. */
  readonly options: DecisionTreeOptions;
  /** The fitted tree; null before fit. */
  tree: FittedTree | null = null;
  #cols = 0;

  /** A tree with the given depth, leaf-size and feature limits. */
  constructor(options: DecisionTreeOptions = {}) {
    this.options = options;
  }

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    const data = binTrainingSet(X, y);
    const samples = Int32Array.from({ length: X.rows }, (_, i) => i);
    this.tree = growTree(data, samples, this.options, new Rng(this.options.seed ?? 0));
    this.#cols = X.cols;
  }

  /** Share of class 1 in the leaf each row reaches. */
  predictProba(X: Matrix): Float64Array {
    if (!this.tree) throw new NotFittedError("DecisionTree");
    checkColumns(X, this.#cols);
    const out = new Float64Array(X.rows);
    addTreeValues(this.tree, X, out);
    return out;
  }

  predict(X: Matrix): Uint8Array {
    return Uint8Array.from(this.predictProba(X), (p) => (p > 0.5 ? 1 : 0));
  }

  /** Number of nodes, leaves included. */
  get nodeCount(): number {
    return this.tree?.feature.length ?? 0;
  }
}
