/**
 * `Slice` and `SplitV` of float32 tensors by block copies: the innermost run of whole
 * dimensions is copied at once with TypedArray.set. The `cpu` backend copies a non-contiguous
 * slice value by value through index conversion (the gradient of a concatenation, which splits
 * a [batch × features] matrix by columns, took it longer than a dense layer's product).
 *
 * @example
 * ```ts
 * import { sliceValues } from "./slice.ts";
 * sliceValues(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], [0, 1], [2, 2]); // [2, 3, 5, 6]
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { allocate, type CpuKernel, type FastKernel, floatValues, output } from "./tensors.ts";

/**
 * The values of `x` (row-major, `shape`) in the box starting at `begin` of extent `size`.
 * `size` must be fully resolved (no −1) and lie inside `shape`.
 */
export function sliceValues(
  x: Float32Array,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  out: Float32Array = new Float32Array(size.reduce((p, d) => p * d, 1)),
): Float32Array {
  const rank = shape.length;
  const total = size.reduce((p, d) => p * d, 1);
  if (total === 0) return out;
  const strides = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 0; a--) strides[a] = strides[a + 1] * shape[a + 1];
  // The innermost axis from which the box covers whole dimensions: one block per outer index.
  let j = rank - 1;
  while (j > 0 && begin[j] === 0 && size[j] === shape[j]) j--;
  const block = size[j] * strides[j];
  const outer = size.slice(0, j);
  const index = new Array<number>(j).fill(0);
  let o = 0;
  for (;;) {
    let src = begin[j] * strides[j];
    for (let a = 0; a < j; a++) src += (begin[a] + index[a]) * strides[a];
    if (block >= 64) out.set(x.subarray(src, src + block), o);
    else for (let t = 0; t < block; t++) out[o + t] = x[src + t];
    o += block;
    let a = j - 1;
    while (a >= 0 && ++index[a] === outer[a]) index[a--] = 0;
    if (a < 0) break;
  }
  return out;
}

/** The fast slicing kernels. */
export function sliceKernels(): FastKernel[] {
  const slice: FastKernel = {
    kernelName: tf.Slice,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const x = floatValues(args.backend, args.inputs.x);
      if (!x) return fallback(args);
      const { begin, size } = (args.attrs ?? {}) as {
        begin: number | number[];
        size: number | number[];
      };
      const [b, s] = tf.slice_util.parseSliceParams(
        { shape: args.inputs.x.shape } as tf.Tensor,
        begin,
        size,
      );
      tf.slice_util.assertParamsValid({ shape: args.inputs.x.shape } as tf.Tensor, b, s);
      const out = allocate(args.backend, tf.util.sizeFromShape(s));
      return output(args.backend, s, sliceValues(x, args.inputs.x.shape, b, s, out));
    },
  };
  const splitV: FastKernel = {
    kernelName: tf.SplitV,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const x = floatValues(args.backend, args.inputs.x);
      if (!x) return fallback(args);
      const shape = args.inputs.x.shape;
      const { numOrSizeSplits, axis } = (args.attrs ?? {}) as {
        numOrSizeSplits: number | number[];
        axis: number;
      };
      const ax = tf.util.parseAxisParam(axis, shape)[0];
      const sizes = tf.backend_util.prepareSplitSize(
        args.inputs.x as tf.Tensor,
        numOrSizeSplits,
        ax,
      );
      const begin = new Array<number>(shape.length).fill(0);
      return sizes.map((n) => {
        const size = [...shape];
        size[ax] = n;
        const out = allocate(args.backend, tf.util.sizeFromShape(size));
        const piece = output(args.backend, size, sliceValues(x, shape, begin, size, out));
        begin[ax] += n;
        return piece;
      });
    },
  };
  return [slice, splitV];
}
