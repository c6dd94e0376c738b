/**
 * Matrix products through OpenBLAS's `sgemm`: `BatchMatMul` (dense layers, attention-style
 * products) and `_FusedMatMul` (a dense layer's product, bias and activation in one kernel).
 * Transposes are handed to `sgemm` as flags, never materialised. Batched products loop over the
 * batch; a batch of one on either side is broadcast. Other broadcasts, non-float32 tensors and
 * activations the fast path does not apply go to the `cpu` backend's kernel.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * // after registerFastCpu(): tf.matMul(a, b, false, true) runs through sgemm
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { OpenBlas } from "../openblas.ts";
import { addBiasAndActivate, supportsActivation } from "./activation.ts";
import { allocate, floatValues, output } from "./tensors.ts";
import type { CpuKernel, FastKernel, KernelArgs } from "./tensors.ts";

interface Product {
  shape: number[];
  values: Float32Array;
  n: number;
}

/** The product of `a` and `b` as the `cpu` backend defines it, or null when not covered. */
function batchProduct(blas: OpenBlas, args: KernelArgs): Product | null {
  const { a, b } = args.inputs;
  const { transposeA = false, transposeB = false } = (args.attrs ?? {}) as {
    transposeA?: boolean;
    transposeB?: boolean;
  };
  const av = floatValues(args.backend, a), bv = floatValues(args.backend, b);
  if (!av || !bv || a.shape.length < 2 || b.shape.length < 2) return null;
  const ra = a.shape.length, rb = b.shape.length;
  const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const kb = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
  const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (k !== kb) return null; // the cpu kernel raises tfjs's own error
  const outerA = a.shape.slice(0, -2), outerB = b.shape.slice(0, -2);
  const batchA = outerA.reduce((p, d) => p * d, 1), batchB = outerB.reduce((p, d) => p * d, 1);
  let outer: number[];
  if (batchA === batchB && outerA.join() === outerB.join()) outer = outerA;
  else if (batchA === 1) outer = outerB.length >= outerA.length ? outerB : outerA;
  else if (batchB === 1) outer = outerA.length >= outerB.length ? outerA : outerB;
  else return null;
  if (batchA !== 1 && batchB !== 1 && batchA !== batchB) return null;
  const batch = Math.max(batchA, batchB);
  const values = allocate(args.backend, batch * m * n);
  const lda = transposeA ? m : k, ldb = transposeB ? k : n;
  for (let i = 0; i < batch; i++) {
    blas.sgemm(
      transposeA,
      transposeB,
      m,
      n,
      k,
      1,
      batchA === 1 ? av : av.subarray(i * m * k),
      lda,
      batchB === 1 ? bv : bv.subarray(i * k * n),
      ldb,
      0,
      values.subarray(i * m * n),
      n,
    );
  }
  return { shape: [...outer, m, n], values, n };
}

/** The fast matrix-product kernels, given OpenBLAS. */
export function matMulKernels(blas: OpenBlas): FastKernel[] {
  const batchMatMul: FastKernel = {
    kernelName: tf.BatchMatMul,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const product = batchProduct(blas, args);
      return product ? output(args.backend, product.shape, product.values) : fallback(args);
    },
  };
  const fusedMatMul: FastKernel = {
    kernelName: tf._FusedMatMul,
    make: (fallback: CpuKernel): CpuKernel => (args) => {
      const attrs = (args.attrs ?? {}) as { activation?: string; leakyreluAlpha?: number };
      const biasInfo = args.inputs.bias;
      if (!supportsActivation(attrs.activation)) return fallback(args);
      const bias = biasInfo ? floatValues(args.backend, biasInfo) : null;
      if (biasInfo && (!bias || biasInfo.shape.length > 1)) return fallback(args);
      const product = batchProduct(blas, args);
      if (!product || (bias && bias.length !== 1 && bias.length !== product.n)) {
        return fallback(args);
      }
      addBiasAndActivate(product.values, product.n, bias, attrs.activation, attrs.leakyreluAlpha);
      return output(args.backend, product.shape, product.values);
    },
  };
  return [batchMatMul, fusedMatMul];
}
