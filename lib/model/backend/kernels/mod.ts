/**
 * The kernels the `fast-cpu` backend puts in place of the `cpu` backend's: convolutions and max
 * pooling through oneDNN when it is given; otherwise convolutions through OpenBLAS and max
 * pooling in TypeScript; matrix products through OpenBLAS; element-wise operations, sums and
 * slices as plain loops over memory in order.
 * Every other kernel is the `cpu` backend's own.
 *
 * - tensors.ts — reading and writing the `cpu` backend's storage, scratch memory
 * - conv2d.ts — `Conv2D`, `FusedConv2D`, `Conv2DBackpropInput`, `Conv2DBackpropFilter`
 * - matmul.ts — `BatchMatMul`, `_FusedMatMul`
 * - pool.ts — `MaxPool`, `MaxPoolGrad`
 * - pool_dnnl.ts — the same two on oneDNN when it is given, in front of pool.ts
 * - elementwise.ts — `Add`, `Sub`, `Multiply`, `RealDiv`, `Maximum`, `SquaredDifference`,
 *   `Relu`, `Step`, `Square`, `Sqrt`, `Neg`
 * - reduce.ts — `Sum` over leading or trailing axes
 * - slice.ts — `Slice`, `SplitV`
 * - bias_activation_grad.ts — `BiasActivationGrad` (this workspace's): the backward pass of a
 *   fused convolution's bias and ReLU in one sweep
 * - activation.ts — bias and activation of the fused kernels
 * - patch_cache.ts — the patch matrices of a forward convolution, kept for its filter gradient
 *
 * This barrel also assembles the list: {@link fastKernels}.
 *
 * @example
 * ```ts
 * import { loadOpenBlas } from "../openblas.ts";
 * import { fastKernels } from "./mod.ts";
 * const blas = loadOpenBlas();
 * if (blas) console.log(fastKernels(blas).map((k) => k.kernelName));
 * ```
 * @module
 */
import type { Dnnl } from "../dnnl/dnnl.ts";
import type { OpenBlas } from "../openblas.ts";
import { adamUpdateKernel } from "./adam.ts";
import { biasActivationGradKernel } from "./bias_activation_grad.ts";
import { convKernels } from "./conv2d.ts";
import { elementwiseKernels } from "./elementwise.ts";
import { reduceKernels } from "./reduce.ts";
import { sliceKernels } from "./slice.ts";
import { matMulKernels } from "./matmul.ts";
import { poolKernels } from "./pool.ts";
import { dnnlPoolKernels } from "./pool_dnnl.ts";
import type { FastKernel } from "./tensors.ts";

export * from "./activation.ts";
export * from "./adam.ts";
export * from "./bias_activation_grad.ts";
export * from "./conv2d.ts";
export * from "./elementwise.ts";
export * from "./reduce.ts";
export * from "./slice.ts";
export * from "./matmul.ts";
export * from "./pool.ts";
export * from "./pool_dnnl.ts";
export * from "./tensors.ts";

/**
 * Every kernel the fast backend replaces, given OpenBLAS, and oneDNN when it is to run the
 * convolutions and max pooling.
 */
export function fastKernels(blas: OpenBlas, dnnl: Dnnl | null = null): FastKernel[] {
  return [
    ...convKernels(blas, dnnl),
    ...matMulKernels(blas),
    ...(dnnl ? dnnlPoolKernels(dnnl, poolKernels()) : poolKernels()),
    ...elementwiseKernels(),
    ...reduceKernels(),
    ...sliceKernels(),
    biasActivationGradKernel(dnnl),
    adamUpdateKernel(dnnl),
  ];
}
