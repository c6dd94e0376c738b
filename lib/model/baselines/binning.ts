/**
 * Feature binning for the tree models: every feature's values are mapped to small integer codes
 * (bins) once, so that finding a split is a scan over a histogram rather than a sort.
 *
 * - `maxBins: Infinity` keeps one bin per distinct value (up to 65,536): splits are then exact,
 *   with the threshold halfway between two neighbouring values, as scikit-learn's decision trees.
 * - a finite `maxBins` (255 for boosting, as scikit-learn's HistGradientBoosting and LightGBM)
 *   places the bin edges at quantiles of the training values when a feature has more distinct
 *   values than bins, and halfway between distinct values otherwise.
 *
 * A value x goes to the first bin b whose upper edge `edges[b]` is ≥ x (the last bin has none).
 *
 * @example
 * ```ts
 * import { binFeatures, fitBins } from "./binning.ts";
 * import { matrix } from "./matrix.ts";
 * const X = matrix([[1], [2], [2], [5]]);
 * const bins = fitBins(X, { maxBins: Infinity });
 * console.log(bins[0].edges); // [1.5, 3.5]
 * console.log(binFeatures(X, bins)); // Uint16Array [0, 1, 1, 2] (column-major codes)
 * ```
 * @module
 */
import type { Matrix } from "./matrix.ts";

/** Most bins per feature (codes are 16-bit). */
const MAX_CODES = 65_536;

/** The bins of one feature. */
export interface FeatureBins {
  /** Upper edges of bins 0 … B−2 (bin B−1 is open above), increasing. */
  edges: Float64Array;
  /** A representative value per bin: the distinct value itself in exact mode, else NaN. */
  values: Float64Array;
  /** Whether each bin holds exactly one distinct training value. */
  exact: boolean;
}

/** Options of {@link fitBins}. */
export interface BinOptions {
  /** Most bins per feature; `Infinity` (default) = one per distinct value. */
  maxBins?: number;
}

/** Learns each column's bins from the training rows. */
export function fitBins(X: Matrix, options: BinOptions = {}): FeatureBins[] {
  const maxBins = Math.min(options.maxBins ?? Infinity, MAX_CODES);
  const { rows, cols, data } = X;
  const column = new Float64Array(rows);
  const out: FeatureBins[] = [];
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) column[i] = data[i * cols + j];
    column.sort();
    const distinct: number[] = [];
    for (let i = 0; i < rows; i++) {
      if (i === 0 || column[i] !== column[i - 1]) distinct.push(column[i]);
    }
    if (distinct.length <= maxBins) {
      const edges = new Float64Array(Math.max(distinct.length - 1, 0));
      for (let b = 0; b < edges.length; b++) edges[b] = (distinct[b] + distinct[b + 1]) / 2;
      out.push({ edges, values: Float64Array.from(distinct), exact: true });
    } else {
      // Quantile edges (midpoint interpolation, as numpy's percentile(method="midpoint")).
      const edges: number[] = [];
      for (let b = 1; b < maxBins; b++) {
        const position = (b / maxBins) * (rows - 1);
        const lo = Math.floor(position), hi = Math.ceil(position);
        const edge = (column[lo] + column[hi]) / 2;
        if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
      }
      out.push({
        edges: Float64Array.from(edges),
        values: new Float64Array(edges.length + 1).fill(NaN),
        exact: false,
      });
    }
  }
  return out;
}

/** The bin of `x` given increasing upper edges: the first b with x ≤ edges[b], else edges.length. */
export function binOf(edges: Float64Array, x: number): number {
  let lo = 0, hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Codes of every value, column-major: code of row i, feature j at `j * rows + i`. */
export function binFeatures(X: Matrix, bins: readonly FeatureBins[]): Uint16Array {
  const { rows, cols, data } = X;
  const codes = new Uint16Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const edges = bins[j].edges;
    for (let i = 0; i < rows; i++) codes[j * rows + i] = binOf(edges, data[i * cols + j]);
  }
  return codes;
}
