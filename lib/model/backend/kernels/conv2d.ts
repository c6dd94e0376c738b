/**
 * 2-D convolution for NHWC tensors as matrix products: the input is unfolded into patch rows
 * (im2col, in TypeScript) and multiplied with the [kh·kw·cin × cout] filter matrix by OpenBLAS's
 * `sgemm`; the input gradient multiplies the output gradient by the transposed filter and folds
 * the patch rows back (col2im); the filter gradient multiplies the transposed patch rows by the
 * output gradient. Work is cut into chunks of whole samples so the patch matrix stays in cache.
 * NCHW data, non-float32 tensors and activations the fast path does not apply go to the `cpu`
 * backend's kernel.
 *
 * When oneDNN is given (see ../dnnl/dnnl.ts), the same four kernels run on its convolution
 * primitives instead (with bias and ReLU fused as a post-op), and the OpenBLAS path above only
 * serves geometries oneDNN refuses.
 *
 * Kernels: `Conv2D`, `FusedConv2D` (bias and activation fused), `Conv2DBackpropInput`,
 * `Conv2DBackpropFilter`.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { im2col } from "./conv2d.ts";
 * // one 3×3 single-channel image, 2×2 filter, stride 1, no padding → 4 patch rows of 4 values
 * const info = tf.backend_util.computeConv2DInfo([1, 3, 3, 1], [2, 2, 1, 1], 1, 1, "valid");
 * const cols = new Float32Array(16);
 * im2col(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), info, 0, 1, cols);
 * // cols = [1, 2, 4, 5,  2, 3, 5, 6,  4, 5, 7, 8,  5, 6, 8, 9]
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { Dnnl } from "../dnnl/dnnl.ts";
import type { OpenBlas } from "../openblas.ts";
import { addBiasAndActivate, supportsActivation } from "./activation.ts";
import {
  patchBuffer,
  recallPatches,
  recordingGradients,
  releasePatches,
  rememberPatches,
} from "./patch_cache.ts";
import {
  allocate,
  type CpuKernel,
  type FastKernel,
  floatValues,
  output,
  scratch,
} from "./tensors.ts";

/** tfjs's description of a 2-D convolution: shapes, strides, padding and dilations (NHWC). */
export type ConvInfo = tf.backend_util.Conv2DInfo;

/** Elements of the patch matrix aimed at per chunk (4 MiB of float32: fits a core's L2/L3). */
const CHUNK_ELEMENTS = 1 << 20;

/** Samples per chunk so that the chunk's patch rows hold about {@link CHUNK_ELEMENTS} values. */
function samplesPerChunk(info: ConvInfo): number {
  const perSample = info.outHeight * info.outWidth * info.filterHeight * info.filterWidth *
    info.inChannels;
  return Math.max(1, Math.min(info.batchSize, Math.floor(CHUNK_ELEMENTS / Math.max(1, perSample))));
}

/** A chunk of a batch: samples `[n0, n1)`, their `rows` patch rows from row `row0`, patches. */
interface Chunk {
  n0: number;
  n1: number;
  row0: number;
  rows: number;
  cols: Float32Array;
}

/**
 * The chunks of `info`'s batch, {@link samplesPerChunk} samples each; a chunk's `cols` is its part
 * of `patches` when given (all samples' patches, one chunk after another), else one reused scratch.
 */
function* chunks(info: ConvInfo, patches: Float32Array | null): Generator<Chunk> {
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  const rowsPerSample = info.outHeight * info.outWidth;
  const step = samplesPerChunk(info);
  const scratchCols = patches ? null : scratch("conv.cols", step * rowsPerSample * K);
  for (let n0 = 0; n0 < info.batchSize; n0 += step) {
    const n1 = Math.min(info.batchSize, n0 + step), row0 = n0 * rowsPerSample;
    const cols = patches ? patches.subarray(row0 * K) : scratchCols!;
    yield { n0, n1, row0, rows: (n1 - n0) * rowsPerSample, cols };
  }
}

/**
 * Unfolds samples `[n0, n1)` of the NHWC input `x` into patch rows: row (n, oh, ow) holds the
 * input window under the filter in [kh, kw, cin] order, zeros where it hangs over the padding.
 *
 * @param cols output, at least (n1 − n0)·outHeight·outWidth rows of kh·kw·cin values
 */
export function im2col(
  x: Float32Array,
  info: ConvInfo,
  n0: number,
  n1: number,
  cols: Float32Array,
) {
  walkPatches(x, info, n0, n1, cols, false);
}

/**
 * Folds patch rows of samples `[n0, n1)` back onto the NHWC gradient `dx`, adding every value to
 * the input position it was copied from (the adjoint of {@link im2col}); padding is dropped.
 */
function col2im(
  cols: Float32Array,
  info: ConvInfo,
  n0: number,
  n1: number,
  dx: Float32Array,
) {
  walkPatches(dx, info, n0, n1, cols, true);
}

/**
 * The walk {@link im2col} and {@link col2im} share over the patch rows of samples `[n0, n1)` and
 * the NHWC tensor `t`: gathering copies `t` into `cols` (zeros over the padding), scattering adds
 * `cols` into `t` (padding dropped). The branch is taken per run of values, not per value.
 */
function walkPatches(
  t: Float32Array,
  info: ConvInfo,
  n0: number,
  n1: number,
  cols: Float32Array,
  scatter: boolean,
) {
  const H = info.inHeight, W = info.inWidth, C = info.inChannels;
  const OH = info.outHeight, OW = info.outWidth;
  const KH = info.filterHeight, KW = info.filterWidth;
  const sh = info.strideHeight, sw = info.strideWidth;
  const dh = info.dilationHeight, dw = info.dilationWidth;
  const top = info.padInfo.top, left = info.padInfo.left;
  const rowLen = KW * C;
  let o = 0;
  for (let n = n0; n < n1; n++) {
    const xBase = n * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const ih0 = oh * sh - top;
      for (let ow = 0; ow < OW; ow++) {
        const iw0 = ow * sw - left;
        const contiguous = dw === 1 && iw0 >= 0 && iw0 + KW <= W;
        for (let kh = 0; kh < KH; kh++) {
          const ih = ih0 + kh * dh;
          if (ih < 0 || ih >= H) {
            if (!scatter) cols.fill(0, o, o + rowLen);
            o += rowLen;
            continue;
          }
          const rowBase = xBase + ih * W * C;
          if (contiguous) {
            const at = rowBase + iw0 * C;
            if (scatter) {
              for (let j = 0; j < rowLen; j++) t[at + j] += cols[o + j];
            } else {
              for (let j = 0; j < rowLen; j++) cols[o + j] = t[at + j];
            }
            o += rowLen;
            continue;
          }
          for (let kw = 0; kw < KW; kw++) {
            const iw = iw0 + kw * dw;
            if (iw >= 0 && iw < W) {
              const at = rowBase + iw * C;
              if (scatter) {
                for (let c = 0; c < C; c++) t[at + c] += cols[o + c];
              } else {
                for (let c = 0; c < C; c++) cols[o + c] = t[at + c];
              }
            } else if (!scatter) {
              for (let c = 0; c < C; c++) cols[o + c] = 0;
            }
            o += C;
          }
        }
      }
    }
  }
}

/**
 * y[N·OH·OW × cout] = im2col(x) · filter[kh·kw·cin × cout], chunk by chunk; returns y. With
 * `keep`, the patches of all samples are written into it (one chunk after another) instead of
 * a reused scratch buffer, for the filter gradient to use later.
 */
function convForward(
  blas: OpenBlas,
  x: Float32Array,
  filter: Float32Array,
  info: ConvInfo,
  y: Float32Array,
  keep: Float32Array | null = null,
): Float32Array {
  const K = info.filterHeight * info.filterWidth * info.inChannels, cout = info.outChannels;
  for (const { n0, n1, row0, rows, cols } of chunks(info, keep)) {
    im2col(x, info, n0, n1, cols);
    const yc = y.subarray(row0 * cout);
    blas.sgemm(false, false, rows, cout, K, 1, cols, K, filter, cout, 0, yc, cout);
  }
  return y;
}

/** dx = col2im(dy · filterᵀ), chunk by chunk, into `dx` (which must hold zeros); returns dx. */
function convBackpropInput(
  blas: OpenBlas,
  dy: Float32Array,
  filter: Float32Array,
  info: ConvInfo,
  dx: Float32Array,
): Float32Array {
  const K = info.filterHeight * info.filterWidth * info.inChannels, cout = info.outChannels;
  for (const { n0, n1, row0, rows, cols } of chunks(info, null)) {
    const dyc = dy.subarray(row0 * cout);
    blas.sgemm(false, true, rows, K, cout, 1, dyc, cout, filter, cout, 0, cols, K);
    col2im(cols, info, n0, n1, dx);
  }
  return dx;
}

/**
 * dfilter = Σ over chunks of im2col(x)ᵀ · dy, into `dw` (overwritten); returns dw. `patches`,
 * when given, are the patches of all samples from the forward pass (no unfolding again).
 */
export function convBackpropFilter(
  blas: OpenBlas,
  x: Float32Array,
  dy: Float32Array,
  info: ConvInfo,
  dw: Float32Array,
  patches: Float32Array | null = null,
): Float32Array {
  const K = info.filterHeight * info.filterWidth * info.inChannels, cout = info.outChannels;
  for (const { n0, n1, row0, rows, cols } of chunks(info, patches)) {
    if (!patches) im2col(x, info, n0, n1, cols);
    const dyc = dy.subarray(row0 * cout);
    blas.sgemm(true, false, K, cout, rows, 1, cols, K, dyc, cout, n0 === 0 ? 0 : 1, dw, cout);
  }
  return dw;
}

/** The geometry a cached patch matrix must match. */
function geometryKey(info: ConvInfo): string {
  const i = info, p = info.padInfo;
  return `${i.inShape}|${i.filterHeight}|${i.filterWidth}|${i.strideHeight}|${i.strideWidth}|` +
    `${i.dilationHeight}|${i.dilationWidth}|${p.top}|${p.left}|${i.outHeight}|${i.outWidth}`;
}

/** Forward convolution that keeps its patches for the filter gradient while recording. */
function forwardKeeping(
  blas: OpenBlas,
  xInfo: tf.TensorInfo,
  x: Float32Array,
  filter: Float32Array,
  info: ConvInfo,
  y: Float32Array,
): Float32Array {
  if (!recordingGradients()) return convForward(blas, x, filter, info, y);
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  const cols = patchBuffer(info.batchSize * info.outHeight * info.outWidth * K);
  convForward(blas, x, filter, info, y, cols);
  rememberPatches(xInfo.dataId, geometryKey(info), cols);
  return y;
}

type Attrs = tf.NamedAttrMap & {
  strides: [number, number] | number;
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dataFormat: "NHWC" | "NCHW";
  dilations?: [number, number] | number;
  dimRoundingMode?: "floor" | "round" | "ceil";
};

function forwardInfo(xShape: number[], filterShape: number[], attrs: Attrs): ConvInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    "channelsLast",
  );
}

/**
 * The fast convolution kernels, given OpenBLAS, and oneDNN when it is to run the convolutions
 * (null: OpenBLAS im2col for all of them).
 */
export function convKernels(blas: OpenBlas, dnnl: Dnnl | null = null): FastKernel[] {
  const conv2d: FastKernel = {
    kernelName: tf.Conv2D,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const attrs = args.attrs as Attrs;
      const x = floatValues(args.backend, args.inputs.x);
      const filter = floatValues(args.backend, args.inputs.filter);
      if (!x || !filter || attrs.dataFormat === "NCHW") return fallback(args);
      const info = forwardInfo(args.inputs.x.shape, args.inputs.filter.shape, attrs);
      const y = allocate(args.backend, tf.util.sizeFromShape(info.outShape));
      if (!dnnl?.forward(info, x, filter, y)) {
        forwardKeeping(blas, args.inputs.x, x, filter, info, y);
      }
      return output(args.backend, info.outShape, y);
    },
  };
  const fused: FastKernel = {
    kernelName: tf.FusedConv2D,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const attrs = args.attrs as Attrs & { activation?: string; leakyreluAlpha?: number };
      const { inputs, backend } = args;
      const x = floatValues(backend, inputs.x);
      const filter = floatValues(backend, inputs.filter);
      const bias = inputs.bias ? floatValues(backend, inputs.bias) : null;
      const cout = inputs.filter.shape[3];
      const biasOk = !inputs.bias ||
        (bias !== null && (bias.length === 1 || bias.length === cout) &&
          inputs.bias.shape.length <= 1);
      if (
        !x || !filter || !biasOk || attrs.dataFormat === "NCHW" ||
        !supportsActivation(attrs.activation)
      ) return fallback(args);
      const info = forwardInfo(inputs.x.shape, inputs.filter.shape, attrs);
      const y = allocate(backend, tf.util.sizeFromShape(info.outShape));
      // oneDNN adds a per-channel bias and applies ReLU itself (as tfjs: relu(conv + bias))
      const inDnnl = bias === null || bias.length === cout;
      const relu = attrs.activation === "relu";
      const linear = attrs.activation === undefined || attrs.activation === null ||
        attrs.activation === "linear";
      if (dnnl && inDnnl && (relu || linear) && dnnl.forward(info, x, filter, y, bias, relu)) {
        return output(backend, info.outShape, y);
      }
      if (!dnnl?.forward(info, x, filter, y)) forwardKeeping(blas, inputs.x, x, filter, info, y);
      addBiasAndActivate(y, cout, bias, attrs.activation, attrs.leakyreluAlpha);
      return output(backend, info.outShape, y);
    },
  };
  const backpropInput: FastKernel = {
    kernelName: tf.Conv2DBackpropInput,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const attrs = args.attrs as Attrs & { inputShape: number[] };
      const dy = floatValues(args.backend, args.inputs.dy);
      const filter = floatValues(args.backend, args.inputs.filter);
      if (!dy || !filter || attrs.dataFormat === "NCHW") return fallback(args);
      const info = forwardInfo(attrs.inputShape, args.inputs.filter.shape, {
        ...attrs,
        dilations: 1,
      });
      const dx = allocate(args.backend, tf.util.sizeFromShape(info.inShape), !dnnl);
      if (dnnl?.backwardData(info, dy, filter, dx)) return output(args.backend, info.inShape, dx);
      if (dnnl) dx.fill(0); // col2im adds into it
      return output(args.backend, info.inShape, convBackpropInput(blas, dy, filter, info, dx));
    },
  };
  const backpropFilter: FastKernel = {
    kernelName: tf.Conv2DBackpropFilter,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const attrs = args.attrs as Attrs & { filterShape: number[] };
      const x = floatValues(args.backend, args.inputs.x);
      const dy = floatValues(args.backend, args.inputs.dy);
      if (!x || !dy || attrs.dataFormat === "NCHW") return fallback(args);
      const info = forwardInfo(args.inputs.x.shape, attrs.filterShape, { ...attrs, dilations: 1 });
      const dw = allocate(args.backend, tf.util.sizeFromShape(info.filterShape));
      const patches = recallPatches(args.inputs.x.dataId, geometryKey(info));
      if (!dnnl?.backwardWeights(info, x, dy, dw)) {
        convBackpropFilter(blas, x, dy, info, dw, patches);
      }
      if (patches) releasePatches(patches);
      return output(args.backend, info.filterShape, dw);
    },
  };
  return [conv2d, fused, backpropInput, backpropFilter];
}
