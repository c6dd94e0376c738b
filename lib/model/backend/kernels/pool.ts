/**
 * Max pooling for NHWC tensors in one pass over the input, and its gradient, which routes each
 * output gradient to the first maximum of its window in row-major order, exactly as the `cpu`
 * backend does (so ties, such as windows of zeros after a ReLU, resolve identically).
 * The `cpu` backend's own gradient reads every value through TensorBuffer.get and walks the
 * channels outermost; these kernels walk memory in order.
 *
 * Kernels: `MaxPool`, `MaxPoolGrad`.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * // after registerFastCpu(): tf.maxPool(x, 2, 2, "valid") runs here
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { allocate, type CpuKernel, type FastKernel, floatValues, output } from "./tensors.ts";

/** tfjs's description of a 2-D pooling: window, strides and padding, in the form of a convolution's. */
export type PoolInfo = tf.backend_util.Conv2DInfo;

/** The attributes of tfjs's `MaxPool` and `MaxPoolGrad` that shape a pooling. */
export type PoolAttrs = {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: "floor" | "round" | "ceil";
};

/** The pooling of an NHWC input of `shape` under a kernel's `attrs` (dilation 1). */
export function poolInfo(shape: number[], attrs: PoolAttrs): PoolInfo {
  return tf.backend_util.computePool2DInfo(
    shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
}

/**
 * For every output value, the flat input index of its window's first maximum (−1 when the
 * window lies wholly in the padding), and, when `y` is given, the maximum itself (−∞ then).
 */
function maxPoolArgmax(
  x: Float32Array,
  info: PoolInfo,
  y: Float32Array | null,
): Int32Array {
  const H = info.inHeight, W = info.inWidth, C = info.inChannels;
  const OH = info.outHeight, OW = info.outWidth;
  const KH = info.filterHeight, KW = info.filterWidth;
  const sh = info.strideHeight, sw = info.strideWidth;
  const top = info.padInfo.top, left = info.padInfo.left;
  const arg = new Int32Array(info.batchSize * OH * OW * C);
  const best = new Float32Array(C);
  const bestAt = new Int32Array(C);
  let o = 0;
  for (let n = 0; n < info.batchSize; n++) {
    const base = n * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const r0 = oh * sh - top;
      const rMin = Math.max(0, r0), rMax = Math.min(H, r0 + KH);
      for (let ow = 0; ow < OW; ow++) {
        const c0 = ow * sw - left;
        const cMin = Math.max(0, c0), cMax = Math.min(W, c0 + KW);
        best.fill(-Infinity);
        bestAt.fill(-1);
        for (let r = rMin; r < rMax; r++) {
          for (let col = cMin; col < cMax; col++) {
            const at = base + (r * W + col) * C;
            for (let c = 0; c < C; c++) {
              const v = x[at + c];
              if (v > best[c]) {
                best[c] = v;
                bestAt[c] = at + c;
              }
            }
          }
        }
        for (let c = 0; c < C; c++) {
          arg[o + c] = bestAt[c];
          if (y) y[o + c] = best[c];
        }
        o += C;
      }
    }
  }
  return arg;
}

/** Whether the pooling is the CNN's usual 2×2 window with stride 2 and no padding. */
function isHalving(info: PoolInfo): boolean {
  return info.filterHeight === 2 && info.filterWidth === 2 && info.strideHeight === 2 &&
    info.strideWidth === 2 && info.padInfo.top === 0 && info.padInfo.left === 0 &&
    info.outHeight === Math.floor(info.inHeight / 2) &&
    info.outWidth === Math.floor(info.inWidth / 2);
}

/**
 * An int32 key of a float32's bits that orders like the float: −0 and +0 share key 0, negative
 * values map below zero. Comparing keys as integers compiles to flags instead of branches,
 * which matters here: which of four activations is largest is random, and a mispredicted
 * branch per value made pooling cost twice the arithmetic.
 */
function orderKey(bits: number): number {
  const sign = bits >> 31;
  return ((bits & 0x7fffffff) ^ sign) - sign;
}

/** Magnitude bits above this are NaN. */
const INF_BITS = 0x7f800000;

/** First maximum of a window with NaN present, as the cpu backend: NaN never wins, −∞ start. */
function firstMaxWithNaN(x: Float32Array, positions: readonly number[]): number {
  let m = -Infinity, at = -1;
  for (const p of positions) {
    if (x[p] > m) {
      m = x[p];
      at = p;
    }
  }
  return at;
}

/**
 * The flat index of the first maximum of the 2×2 window at p00 (row stride `rowStride`),
 * branch-free for finite values; −1 when every value is NaN.
 */
function windowArgmax(
  x: Float32Array,
  bits: Int32Array,
  p00: number,
  p01: number,
  p10: number,
  p11: number,
): number {
  const b00 = bits[p00], b01 = bits[p01], b10 = bits[p10], b11 = bits[p11];
  if (
    (b00 & 0x7fffffff) > INF_BITS || (b01 & 0x7fffffff) > INF_BITS ||
    (b10 & 0x7fffffff) > INF_BITS || (b11 & 0x7fffffff) > INF_BITS
  ) return firstMaxWithNaN(x, [p00, p01, p10, p11]);
  let key = orderKey(b00), at = p00;
  let k = orderKey(b01), take = -+(k > key);
  key ^= (key ^ k) & take;
  at ^= (at ^ p01) & take;
  k = orderKey(b10);
  take = -+(k > key);
  key ^= (key ^ k) & take;
  at ^= (at ^ p10) & take;
  k = orderKey(b11);
  take = -+(k > key);
  at ^= (at ^ p11) & take;
  return at;
}

/** 2×2 max pooling with stride 2 and no padding (see {@link isHalving}), into `y`. */
function maxPoolHalving(x: Float32Array, info: PoolInfo, y: Float32Array): void {
  walkHalving(x, info, y, null);
}

/**
 * Gradient of {@link maxPoolHalving}: each window's output gradient goes to its first maximum,
 * every other position of the window gets 0. Positions outside every window (the last row or
 * column of an odd size) are left as they are, so `dx` must hold zeros there.
 */
function maxPoolHalvingGrad(
  x: Float32Array,
  dy: Float32Array,
  info: PoolInfo,
  dx: Float32Array,
): void {
  walkHalving(x, info, null, { dy, dx });
}

/**
 * The window walk {@link maxPoolHalving} and its gradient share: each window's first maximum
 * goes into `y`, or, with `grad`, the window's output gradient to that position of `grad.dx`.
 * The choice is one branch per window that is always taken the same way.
 */
function walkHalving(
  x: Float32Array,
  info: PoolInfo,
  y: Float32Array | null,
  grad: { dy: Float32Array; dx: Float32Array } | null,
): void {
  const bits = new Int32Array(x.buffer, x.byteOffset, x.length);
  const dyBits = grad && new Int32Array(grad.dy.buffer, grad.dy.byteOffset, grad.dy.length);
  const dxBits = grad && new Int32Array(grad.dx.buffer, grad.dx.byteOffset, grad.dx.length);
  const W = info.inWidth, C = info.inChannels, OH = info.outHeight, OW = info.outWidth;
  const rowStride = W * C;
  let o = 0;
  for (let n = 0; n < info.batchSize; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const rowBase = (n * info.inHeight + 2 * oh) * rowStride;
      for (let ow = 0; ow < OW; ow++) {
        const p00 = rowBase + 2 * ow * C;
        for (let c = 0; c < C; c++) {
          const q00 = p00 + c, q01 = q00 + C, q10 = q00 + rowStride, q11 = q10 + C;
          const at = windowArgmax(x, bits, q00, q01, q10, q11);
          if (!dxBits) {
            y![o++] = at < 0 ? -Infinity : x[at];
            continue;
          }
          // The gradient's bits where the maximum was, +0 elsewhere, without a branch.
          const g = dyBits![o++];
          dxBits[q00] = g & -+(at === q00);
          dxBits[q01] = g & -+(at === q01);
          dxBits[q10] = g & -+(at === q10);
          dxBits[q11] = g & -+(at === q11);
        }
      }
    }
  }
}

/** The fast max-pooling kernels. */
export function poolKernels(): FastKernel[] {
  const maxPool: FastKernel = {
    kernelName: tf.MaxPool,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const x = floatValues(args.backend, args.inputs.x);
      if (!x || args.inputs.x.shape.length !== 4) return fallback(args);
      const info = poolInfo(args.inputs.x.shape, args.attrs as PoolAttrs);
      const y = allocate(
        args.backend,
        info.batchSize * info.outHeight * info.outWidth * info.outChannels,
      );
      if (isHalving(info)) maxPoolHalving(x, info, y);
      else maxPoolArgmax(x, info, y);
      return output(args.backend, info.outShape, y);
    },
  };
  const maxPoolGrad: FastKernel = {
    kernelName: tf.MaxPoolGrad,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const x = floatValues(args.backend, args.inputs.input);
      const dy = floatValues(args.backend, args.inputs.dy);
      if (!x || !dy || args.inputs.input.shape.length !== 4) return fallback(args);
      const info = poolInfo(args.inputs.input.shape, args.attrs as PoolAttrs);
      if (isHalving(info)) {
        const covers = info.inHeight % 2 === 0 && info.inWidth % 2 === 0;
        const dx = allocate(args.backend, x.length, !covers);
        maxPoolHalvingGrad(x, dy, info, dx);
        return output(args.backend, info.inShape, dx);
      }
      const arg = maxPoolArgmax(x, info, null);
      const dx = allocate(args.backend, x.length, true);
      for (let i = 0; i < arg.length; i++) if (arg[i] >= 0) dx[arg[i]] += dy[i];
      return output(args.backend, info.inShape, dx);
    },
  };
  return [maxPool, maxPoolGrad];
}
