/**
 * Random forest of CART trees (./tree.ts) as scikit-learn's `RandomForestClassifier`: each tree
 * learns from a bootstrap sample of the training rows (n draws with replacement), searches
 * ⌊√d⌋ randomly chosen features at each node, and grows until its leaves are pure; the forest's
 * probability is the mean of the trees' leaf shares of class 1, its label the class above 0.5.
 *
 * One difference, for speed: thresholds are searched on at most `maxBins` (default 255)
 * quantile bins per feature, as gradient-boosting libraries do, rather than between every pair of
 * distinct values. Features with fewer distinct values than that (key, mode, time signature, …)
 * keep exact thresholds.
 *
 * @example
 * ```ts
 * import { RandomForest } from "./forest.ts";
 * import { matrix } from "./matrix.ts";
 * const forest = new RandomForest({ trees: 20, seed: 1 });
 * forest.fit(matrix([[0, 1], [1, 1], [2, 0], [3, 0]]), Uint8Array.of(0, 0, 1, 1));
 * forest.predictProba(matrix([[2.5, 0]])); // close to [1]
 * ```
 * @module
 */
import { Rng } from "../../data/random.ts";
import { type Classifier, NotFittedError } from "./estimator.ts";
import { checkColumns, checkTrainingData, type Labels, type Matrix } from "./matrix.ts";
import { addTreeValues, binTrainingSet, type FittedTree, growTree } from "./tree.ts";

/** Options of {@link RandomForest}. */
export interface RandomForestOptions {
  /** Number of trees; default 200 (the comparison's, as the scikit-learn reference). */
  trees?: number;
  /** Features searched per node; default ⌊√d⌋ (scikit-learn's "sqrt"). */
  maxFeatures?: number;
  /** Deepest level; default Infinity. */
  maxDepth?: number;
  /** Most bins per feature for threshold search; default 255. */
  maxBins?: number;
  /** Seed of the bootstrap draws and feature choices; default 0. */
  seed?: number;
}

/** Bagged CART trees with random feature subsets. */
export class RandomForest implements Classifier {
  /** Number of trees grown. */
  readonly trees: number;
  /** The options given (defaults filled in at fit time). */
  readonly options: RandomForestOptions;
  /** The fitted trees, one per bootstrap sample; empty before fit. */
  forest: FittedTree[] = [];
  #cols = 0;

  /** A forest of `options.trees` trees (default 200). */
  constructor(options: RandomForestOptions = {}) {
    this.trees = options.trees ?? 200;
    this.options = options;
    if (!(Number.isInteger(this.trees) && this.trees >= 1)) {
      throw new RangeError(`expected at least one tree; found ${this.trees}`);
    }
  }

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    const data = binTrainingSet(X, y, this.options.maxBins ?? 255);
    const rng = new Rng(this.options.seed ?? 0);
    const maxFeatures = this.options.maxFeatures ?? Math.max(1, Math.floor(Math.sqrt(X.cols)));
    const n = X.rows;
    const samples = new Int32Array(n);
    this.forest = [];
    for (let t = 0; t < this.trees; t++) {
      const treeRng = rng.fork("tree", t);
      for (let k = 0; k < n; k++) samples[k] = Math.floor(treeRng.next() * n);
      this.forest.push(
        growTree(data, samples, { maxFeatures, maxDepth: this.options.maxDepth }, treeRng),
      );
    }
    this.#cols = X.cols;
  }

  /** Mean over the trees of the class-1 share of the leaf each row reaches. */
  predictProba(X: Matrix): Float64Array {
    if (this.forest.length === 0) throw new NotFittedError("RandomForest");
    checkColumns(X, this.#cols);
    const out = new Float64Array(X.rows);
    for (const tree of this.forest) addTreeValues(tree, X, out);
    for (let i = 0; i < out.length; i++) out[i] /= this.forest.length;
    return out;
  }

  predict(X: Matrix): Uint8Array {
    return Uint8Array.from(this.predictProba(X), (p) => (p > 0.5 ? 1 : 0));
  }
}
