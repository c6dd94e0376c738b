/**
 * `Sum` over leading or trailing axes of a float32 tensor without moving data. The `cpu`
 * backend transposes the reduced axes innermost first (a full copy with index arithmetic per
 * value); a bias gradient over an NHWC activation, which sums axes 0–2, cost it more than the
 * convolutions. Sums accumulate in float64, as the `cpu` backend's do.
 *
 * @example
 * ```ts
 * import { columnSums } from "./reduce.ts";
 * columnSums(new Float32Array([1, 2, 3, 4, 5, 6]), 3, 2); // [9, 12]
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { type CpuKernel, type FastKernel, floatValues, output } from "./tensors.ts";

/** Sums of the columns of a row-major [rows × cols] matrix, accumulated in float64. */
export function columnSums(x: Float32Array, rows: number, cols: number): Float32Array {
  const acc = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) acc[c] += x[base + c];
  }
  return Float32Array.from(acc);
}

/** Sums of the rows of a row-major [rows × cols] matrix, accumulated in float64. */
function rowSums(x: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const base = r * cols;
    for (let c = 0; c < cols; c++) s += x[base + c];
    out[r] = s;
  }
  return out;
}

/** The fast reduction kernels. */
export function reduceKernels(): FastKernel[] {
  const sum: FastKernel = {
    kernelName: tf.Sum,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const x = floatValues(args.backend, args.inputs.x);
      if (!x) return fallback(args);
      const shape = args.inputs.x.shape;
      const { axis, keepDims = false } = (args.attrs ?? {}) as {
        axis: number | number[];
        keepDims?: boolean;
      };
      const axes = [...new Set(tf.util.parseAxisParam(axis, shape))].sort((p, q) => p - q);
      const k = axes.length, rank = shape.length;
      const leading = axes.every((a, i) => a === i);
      const trailing = axes.every((a, i) => a === rank - k + i);
      if (k === 0 || (!leading && !trailing)) return fallback(args);
      const kept = shape.filter((_, i) => !axes.includes(i));
      const reduced = axes.reduce((p, a) => p * shape[a], 1);
      const keptSize = kept.reduce((p, d) => p * d, 1);
      const values = leading ? columnSums(x, reduced, keptSize) : rowSums(x, keptSize, reduced);
      const outShape = keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept;
      return output(args.backend, outShape, values);
    },
  };
  return [sum];
}
