/**
 * k-nearest-neighbours classification as scikit-learn's `KNeighborsClassifier(n_neighbors=15)`:
 * Euclidean distance, uniform weights; the probability of class 1 is the share of class 1 among
 * the k nearest training rows, the label the majority (an exact tie goes to class 0, as
 * scikit-learn's argmax). Search is exact: the training rows are held in a k-d tree (split on the
 * widest dimension at the median, buckets of 24 rows, a bounding box per node), nodes whose box
 * lies farther than the current k-th nearest row are skipped, and inside a bucket a candidate is
 * abandoned as soon as its running sum exceeds that distance.
 *
 * @example
 * ```ts
 * import { KNearestNeighbors } from "./knn.ts";
 * import { matrix } from "./matrix.ts";
 * const knn = new KNearestNeighbors({ k: 3 });
 * knn.fit(matrix([[0], [1], [2], [10], [11], [12]]), Uint8Array.of(0, 0, 0, 1, 1, 1));
 * knn.predict(matrix([[9]])); // [1]
 * ```
 * @module
 */
import { type Classifier, NotFittedError } from "./estimator.ts";
import { checkColumns, checkTrainingData, type Labels, type Matrix } from "./matrix.ts";

/** Options of {@link KNearestNeighbors}. */
export interface KNearestNeighborsOptions {
  /** Neighbours that vote; default 15 (the comparison's, as the scikit-learn reference). */
  k?: number;
}

/** Exact k-nearest-neighbour vote. */
export class KNearestNeighbors implements Classifier {
  /** Neighbours that vote (≥ 1). */
  readonly k: number;
  #tree: KdTree | null = null;

  /** A k-NN classifier with `options.k` neighbours (default 15). */
  constructor(options: KNearestNeighborsOptions = {}) {
    this.k = options.k ?? 15;
    if (!(Number.isInteger(this.k) && this.k >= 1)) {
      throw new RangeError(`expected k ≥ 1 neighbours; found ${this.k}`);
    }
  }

  fit(X: Matrix, y: Labels): void {
    checkTrainingData(X, y);
    this.#tree = new KdTree(X, y);
  }

  /** Share of class 1 among each row's k nearest training rows. */
  predictProba(X: Matrix): Float64Array {
    const tree = this.#tree;
    if (!tree) throw new NotFittedError("KNearestNeighbors");
    checkColumns(X, tree.d);
    const k = Math.min(this.k, tree.n);
    const heap = { dist: new Float64Array(k), label: new Uint8Array(k), size: 0 };
    const out = new Float64Array(X.rows);
    for (let q = 0; q < X.rows; q++) {
      heap.size = 0;
      tree.search(X.data.subarray(q * tree.d, (q + 1) * tree.d), heap, k);
      let ones = 0;
      for (let t = 0; t < heap.size; t++) ones += heap.label[t];
      out[q] = ones / heap.size;
    }
    return out;
  }

  predict(X: Matrix): Uint8Array {
    return Uint8Array.from(this.predictProba(X), (p) => (p > 0.5 ? 1 : 0));
  }
}

interface Heap {
  dist: Float64Array;
  label: Uint8Array;
  size: number;
}

const BUCKET = 24;

/** A k-d tree over the training rows, stored in tree order with a bounding box per node. */
class KdTree {
  readonly n: number;
  readonly d: number;
  /** Rows in tree order, row-major. */
  readonly points: Float64Array;
  readonly labels: Uint8Array;
  /** Per node: first and one-past-last row, children (−1 for a leaf). */
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  /** Per node: lower then upper corner of its box, d values each. */
  readonly boxes: number[] = [];

  constructor(X: Matrix, y: Labels) {
    this.n = X.rows;
    this.d = X.cols;
    const order = Int32Array.from({ length: this.n }, (_, i) => i);
    this.#build(X, order, 0, this.n);
    this.points = new Float64Array(this.n * this.d);
    this.labels = new Uint8Array(this.n);
    for (let r = 0; r < this.n; r++) {
      const i = order[r];
      this.points.set(X.data.subarray(i * this.d, (i + 1) * this.d), r * this.d);
      this.labels[r] = y[i];
    }
  }

  #build(X: Matrix, order: Int32Array, from: number, to: number): number {
    const { d } = this;
    const node = this.start.length;
    this.start.push(from);
    this.end.push(to);
    this.left.push(-1);
    this.right.push(-1);
    let widest = 0, spread = -1;
    for (let j = 0; j < d; j++) {
      let lo = Infinity, hi = -Infinity;
      for (let r = from; r < to; r++) {
        const v = X.data[order[r] * d + j];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      this.boxes.push(lo);
      if (hi - lo > spread) {
        spread = hi - lo;
        widest = j;
      }
    }
    for (let j = 0; j < d; j++) {
      let hi = -Infinity;
      for (let r = from; r < to; r++) hi = Math.max(hi, X.data[order[r] * d + j]);
      this.boxes.push(hi);
    }
    if (to - from <= BUCKET || spread <= 0) return node;
    const mid = (from + to) >>> 1;
    select(order, from, to - 1, mid, (i) => X.data[i * d + widest]);
    const l = this.#build(X, order, from, mid);
    const r = this.#build(X, order, mid, to);
    this.left[node] = l;
    this.right[node] = r;
    return node;
  }

  /** Squared distance from q to node's box (0 inside). */
  #boxDistance(node: number, q: Float64Array): number {
    const { d } = this;
    const base = node * 2 * d;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const lo = this.boxes[base + j], hi = this.boxes[base + d + j], v = q[j];
      if (v < lo) s += (lo - v) * (lo - v);
      else if (v > hi) s += (v - hi) * (v - hi);
    }
    return s;
  }

  /** Adds the k nearest rows to q into the max-heap. */
  search(q: Float64Array, heap: Heap, k: number, node = 0): void {
    if (this.left[node] < 0) {
      const { d, points } = this;
      for (let r = this.start[node]; r < this.end[node]; r++) {
        const limit = heap.size < k ? Infinity : heap.dist[0];
        const o = r * d;
        let dist = 0;
        for (let j = 0; j < d && dist < limit; j++) {
          const diff = q[j] - points[o + j];
          dist += diff * diff;
        }
        if (dist >= limit) continue;
        if (heap.size < k) {
          heap.dist[heap.size] = dist;
          heap.label[heap.size] = this.labels[r];
          siftUp(heap.dist, heap.label, heap.size++);
        } else {
          heap.dist[0] = dist;
          heap.label[0] = this.labels[r];
          siftDown(heap.dist, heap.label, k);
        }
      }
      return;
    }
    const a = this.left[node], b = this.right[node];
    const da = this.#boxDistance(a, q), db = this.#boxDistance(b, q);
    const [near, far, dNear, dFar] = da <= db ? [a, b, da, db] : [b, a, db, da];
    if (heap.size < k || dNear < heap.dist[0]) this.search(q, heap, k, near);
    if (heap.size < k || dFar < heap.dist[0]) this.search(q, heap, k, far);
  }
}

/** Quickselect: reorders order[lo..hi] so that position kth holds the kth smallest key. */
function select(
  order: Int32Array,
  lo: number,
  hi: number,
  kth: number,
  key: (i: number) => number,
): void {
  while (hi > lo) {
    const pivot = key(order[(lo + hi) >>> 1]);
    let i = lo, j = hi;
    while (i <= j) {
      while (key(order[i]) < pivot) i++;
      while (key(order[j]) > pivot) j--;
      if (i <= j) {
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
        i++;
        j--;
      }
    }
    if (kth <= j) hi = j;
    else if (kth >= i) lo = i;
    else return;
  }
}

function siftUp(dist: Float64Array, label: Uint8Array, at: number): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (dist[parent] >= dist[at]) return;
    swap(dist, label, parent, at);
    at = parent;
  }
}

function siftDown(dist: Float64Array, label: Uint8Array, size: number): void {
  let at = 0;
  for (;;) {
    const l = 2 * at + 1, r = l + 1;
    let largest = at;
    if (l < size && dist[l] > dist[largest]) largest = l;
    if (r < size && dist[r] > dist[largest]) largest = r;
    if (largest === at) return;
    swap(dist, label, largest, at);
    at = largest;
  }
}

function swap(dist: Float64Array, label: Uint8Array, a: number, b: number): void {
  const t = dist[a];
  dist[a] = dist[b];
  dist[b] = t;
  const u = label[a];
  label[a] = label[b];
  label[b] = u;
}
